package dev.occam.runtime.segment;

/**
 * The covariance families of a Gaussian mixture in mclust's naming (Banfield &amp; Raftery 1993; Celeux &amp;
 * Govaert 1995; Fraley &amp; Raftery 2002, "Model-based clustering, discriminant analysis and density
 * estimation", JASA 97:611-631, Table 1). Component k's covariance is {@code lambda_k D_k A_k D_k'}: volume
 * {@code lambda_k}, shape {@code A_k} (diagonal, determinant 1) and orientation {@code D_k}; the three letters say
 * whether volume, shape and orientation are Equal across components, Variable, or the Identity.
 */
public enum CovarianceModel {
    /** Spherical, equal volume. */
    EII("spherical, equal volume"),
    /** Spherical, volumes vary. */
    VII("spherical, varying volume"),
    /** Diagonal, equal volume and shape. */
    EEI("diagonal, equal volume and shape"),
    /** Diagonal, varying volume, equal shape. */
    VEI("diagonal, varying volume, equal shape"),
    /** Diagonal, equal volume, varying shape. */
    EVI("diagonal, equal volume, varying shape"),
    /** Diagonal, volume and shape vary. */
    VVI("diagonal, varying volume and shape"),
    /** Ellipsoidal, one covariance for all. */
    EEE("ellipsoidal, equal volume, shape and orientation"),
    /** Ellipsoidal, varying volume, equal shape and orientation. */
    VEE("ellipsoidal, varying volume, equal shape and orientation"),
    /** Ellipsoidal, equal volume and shape, varying orientation. */
    EEV("ellipsoidal, equal volume and shape, varying orientation"),
    /** Ellipsoidal, varying volume and orientation, equal shape. */
    VEV("ellipsoidal, varying volume and orientation, equal shape"),
    /** Ellipsoidal, equal volume, varying shape and orientation. */
    EVV("ellipsoidal, equal volume, varying shape and orientation"),
    /** Ellipsoidal, every component its own covariance. */
    VVV("ellipsoidal, varying volume, shape and orientation");

    private final String words;

    CovarianceModel(String words) {
        this.words = words;
    }

    /** The family in words, e.g. "ellipsoidal, equal volume, shape and orientation". */
    public String words() {
        return words;
    }

    /**
     * Free parameters of the G covariances in d dimensions, as mclust's {@code nVarParams} counts them: volume 1
     * or G, shape d - 1 or G (d - 1), orientation d (d - 1) / 2 or G d (d - 1) / 2.
     */
    public long covarianceParameters(int d, int g) {
        long dd = d;
        long orient = dd * (dd - 1) / 2;
        return switch (this) {
            case EII -> 1;
            case VII -> g;
            case EEI -> dd;
            case VEI -> g + (dd - 1);
            case EVI -> 1 + g * (dd - 1);
            case VVI -> g * dd;
            case EEE -> dd * (dd + 1) / 2;
            case VEE -> g + (dd - 1) + orient;
            case EEV -> 1 + (dd - 1) + g * orient;
            case VEV -> g + (dd - 1) + g * orient;
            case EVV -> 1 + g * (dd - 1) + g * orient;
            case VVV -> g * dd * (dd + 1) / 2;
        };
    }

    /** All free parameters of a G-component mixture: G - 1 weights, G d means and the covariances (mclust's nMclustParams). */
    public long parameterCount(int d, int g) {
        return (g - 1) + (long) g * d + covarianceParameters(d, g);
    }

    /** True when the covariance of every component is diagonal. */
    public boolean isDiagonal() {
        return name().endsWith("I");
    }
}
