package com.example.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Secrets where a key or a code is expected (a reviewer's trial): MDC keys holding a whole
 * {@code k=v} or a URL with credentials, a key-value pair's key holding one, an
 * {@code error_code} holding a token (twice, with two tokens: one code), and a short
 * {@code Bearer} token. The values are made up for the test.
 */
public final class SecretKeysApp {
    private SecretKeysApp() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("secrets.keys");
        MDC.put("password=Key-Pw-909", "v1");
        MDC.put("https://svc:Key-Url-Pw-4@api.example.com/v1", "v2");
        log.atError().addKeyValue("token:Kv-Tok-515", "v3").log("keys hold secrets");
        MDC.clear();
        for (String token : new String[] {"Code-Tok-616", "Code-Tok-717"}) {
            MDC.put("error_code", "upstream_down token=" + token);
            LoggerFactory.getLogger("secrets.code").error("upstream down");
            MDC.clear();
        }
        LoggerFactory.getLogger("secrets.bearer").error("upstream refused Bearer sb7x9");
        System.out.println("secret keys: done");
    }
}
