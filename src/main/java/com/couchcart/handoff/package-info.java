/**
 * The QR handoff from the TV to the phone (modelled on RFC 8628) and checkout.
 */
package com.couchcart.handoff;
