/**
 * Recommendation: the user × item interaction matrix, the recommender ladder (popularity, item-based k nearest
 * neighbours, P3alpha / RP3beta random walks, EASE, implicit ALS), hyperparameters tuned on a validation split
 * inside the training data, and the held-out evaluation (NDCG@10, recall@10, MAP@10 per user, catalogue
 * coverage, popularity bias). The fitted recommenders are runtime objects ({@code dev.occam.runtime.recommend}).
 * See {@code docs/recommendation.md}. Stage: learn and evaluate, for the recommendation task.
 */
package dev.occam.core.recommend;
