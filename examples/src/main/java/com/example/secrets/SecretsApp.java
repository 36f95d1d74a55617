package com.example.secrets;

import com.example.secrets.SecretTable.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Logs every row of {@link SecretTable} as an error, with the logger {@code secrets.<row>}. */
public class SecretsApp {
    public static void main(String[] args) {
        for (Row row : SecretTable.ROWS) {
            Logger log = LoggerFactory.getLogger("secrets." + row.name());
            switch (row.where()) {
                case MESSAGE -> log.error(row.input());
                case EXCEPTION -> log.error("request failed", new IllegalStateException(row.input()));
                case CAUSE -> log.error("request failed", new RuntimeException("wrapped", new IllegalArgumentException(row.input())));
                case ARGUMENT -> log.error("request to {} failed", row.input());
                case MDC -> {
                    MDC.put(row.key(), row.input());
                    log.error("request failed");
                    MDC.clear();
                }
                case FIELD -> log.error("request failed", new CredentialsException(row.input()));
                default -> throw new AssertionError(row.where());
            }
        }
        System.out.println("secrets: done (" + SecretTable.ROWS.size() + " rows)");
    }
}
