package dev.occam.runtime.forecast;

/** Small dense matrix arithmetic for the forecast variances (the runtime has no linear algebra library). */
final class Matrices {

    private Matrices() {
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int p = b[0].length;
        double[][] out = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < k; l++) {
                double v = a[i][l];
                if (v != 0) {
                    for (int j = 0; j < p; j++) {
                        out[i][j] += v * b[l][j];
                    }
                }
            }
        }
        return out;
    }

    static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] + b[i][j];
            }
        }
        return out;
    }

    static double[][] scale(double[][] a, double s) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[i][j] = a[i][j] * s;
            }
        }
        return out;
    }

    /** The Kronecker product a ⊗ b. */
    static double[][] kronecker(double[][] a, double[][] b) {
        int ra = a.length;
        int ca = a[0].length;
        int rb = b.length;
        int cb = b[0].length;
        double[][] out = new double[ra * rb][ca * cb];
        for (int i = 0; i < ra; i++) {
            for (int j = 0; j < ca; j++) {
                for (int k = 0; k < rb; k++) {
                    for (int l = 0; l < cb; l++) {
                        out[i * rb + k][j * cb + l] = a[i][j] * b[k][l];
                    }
                }
            }
        }
        return out;
    }

    /** Column-major vectorisation, as R's {@code c(matrix)}. */
    static double[] vectorise(double[][] a) {
        int r = a.length;
        int c = a[0].length;
        double[] out = new double[r * c];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < r; i++) {
                out[j * r + i] = a[i][j];
            }
        }
        return out;
    }

    static double[][] outer(double[] a, double[] b) {
        double[][] out = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                out[i][j] = a[i] * b[j];
            }
        }
        return out;
    }
}
