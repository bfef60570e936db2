package com.couchcart.handoff;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event stream of the handoff named by the path's {@code id}: {@link ExistingHandoffFilter} answers an
 * unknown id with a 404 problem before the stream starts, since a started event stream can no longer change status.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@interface ExistingHandoff {
}
