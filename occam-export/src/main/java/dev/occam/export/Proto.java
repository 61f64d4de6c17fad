package dev.occam.export;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One protobuf message written field by field, in the wire format of the Protocol Buffers encoding guide
 * (varints, length-delimited fields, packed repeated numbers). The ONNX messages are few and flat, so they
 * are written by hand from the field numbers of onnx.proto rather than generated with protoc (which would
 * need a native compiler at build time).
 */
final class Proto {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    Proto int64(int field, long value) {
        try {
            out.writeInt64(field, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Proto float32(int field, float value) {
        try {
            out.writeFloat(field, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Proto string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto bytes(int field, byte[] value) {
        try {
            out.writeBytes(field, ByteString.copyFrom(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Proto message(int field, Proto message) {
        return bytes(field, message.toByteArray());
    }

    /** A packed repeated int64 field (proto3 packs repeated scalars by default). */
    Proto packedInt64(int field, long[] values) {
        try {
            int size = 0;
            for (long v : values) {
                size += CodedOutputStream.computeInt64SizeNoTag(v);
            }
            out.writeTag(field, 2);
            out.writeUInt32NoTag(size);
            for (long v : values) {
                out.writeInt64NoTag(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Proto packedFloat(int field, float[] values) {
        try {
            out.writeTag(field, 2);
            out.writeUInt32NoTag(values.length * 4);
            for (float v : values) {
                out.writeFloatNoTag(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Proto packedDouble(int field, double[] values) {
        try {
            out.writeTag(field, 2);
            out.writeUInt32NoTag(values.length * 8);
            for (double v : values) {
                out.writeDoubleNoTag(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    byte[] toByteArray() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
