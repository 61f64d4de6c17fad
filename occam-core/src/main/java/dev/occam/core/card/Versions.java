package dev.occam.core.card;

/** The version of Occam that wrote a file, from the jar's manifest (or "development" when run from classes). */
public final class Versions {

    private Versions() {
    }

    public static String occam() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
