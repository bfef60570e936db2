/**
 * The QR handoff from the TV to the phone, modelled on RFC 8628: the TV shows a code, the shopper claims it on
 * the phone and checks out (see the order feature), and the TV follows along.
 */
package com.couchcart.handoff;
