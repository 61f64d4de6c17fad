/**
 * Fitted recommenders: given the items a user has seen, the top-N items they have not seen, each with the seen
 * items that contributed most ("because you bought X and Y"); the items most like a given item; the popularity
 * list for a user with no history. Items are integer codes 0..itemCount−1 (the model file will map them to
 * labels). Every recommender is immutable and thread-safe and saves itself as a small record
 * ({@link dev.occam.runtime.recommend.SavedRecommender}) that Jackson writes and reads
 * ({@link dev.occam.runtime.recommend.Recommenders}). Fitting lives in {@code dev.occam.core.recommend}.
 * Stage: serve.
 */
package dev.occam.runtime.recommend;
