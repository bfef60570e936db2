package com.couchcart.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An amount of money as the API shows it: a decimal string with two places, never a float. */
public record Money(String amount, String currency) {

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString(), currency);
    }
}
