package com.example.secrets;

/** An application exception that keeps a secret in a field (and says nothing about it). */
final class CredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String clientSecret;
    final String client = "billing";

    CredentialsException(String clientSecret) {
        super("credentials rejected");
        this.clientSecret = clientSecret;
    }
}
