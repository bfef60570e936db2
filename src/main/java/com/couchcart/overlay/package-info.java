/**
 * Shoppable overlays: the cue timelines of contents, served to TVs from an in-memory index, and live cues.
 */
package com.couchcart.overlay;
