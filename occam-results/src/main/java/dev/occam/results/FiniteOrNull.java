package dev.occam.results;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A number that may be undefined (NaN or infinite: a p-value of identical folds, a ratio over an empty group):
 * written as JSON {@code null}, read back as NaN. On a boxed {@code Double} with {@code @JsonInclude(NON_NULL)},
 * Java null still means "absent" (the field is left out), so "not computed" and "computed but undefined" stay
 * apart, as they were in the files before they were records.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@JacksonAnnotationsInside
@JsonSerialize(using = FiniteOrNull.Writer.class)
@JsonDeserialize(using = FiniteOrNull.Reader.class)
public @interface FiniteOrNull {

    /** Writes a finite number as itself and any other as null. */
    final class Writer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value != null && Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    /**
     * Reads a number; null becomes NaN. An absent field is null for a boxed Double (absent stays absent) and NaN
     * for a primitive double (undefined, as a partial card from an older version lacks it).
     */
    final class Reader extends JsonDeserializer<Double> implements ContextualDeserializer {
        private final boolean primitive;

        public Reader() {
            this(false);
        }

        private Reader(boolean primitive) {
            this.primitive = primitive;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            return new Reader(property != null && property.getType().isPrimitive());
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.getValueAsDouble(Double.NaN);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return primitive ? Double.NaN : null;
        }
    }
}
