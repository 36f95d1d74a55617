package com.example.hostile;

/** Only ever referenced by a field of {@link Doomed}; never loaded by its throwaway loader. */
final class DoomedDetail {
}
