/**
 * The device's cart in Redis, driven by the TV remote.
 */
package com.couchcart.cart;
