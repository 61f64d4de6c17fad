/**
 * The use case, where every project starts: the question, the data, the target, what "good enough"
 * means, and the constraints a model must meet. {@link dev.occam.core.usecase.UseCaseReader} reads a
 * file in the format {@code occam-usecase/1} into an immutable {@link dev.occam.core.usecase.UseCase},
 * checking every key before any data is read, so a typo or an impossible setting costs seconds, not a
 * fit. {@link dev.occam.core.usecase.UseCaseTemplate} is the commented file {@code occam init} writes.
 * Stage: specify (before load).
 */
package dev.occam.core.usecase;
