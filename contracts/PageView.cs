namespace Backoffice.Contracts;

/// <summary>
/// One page of a list. <see cref="ContinuationToken"/> is opaque: send it back as <c>continuationToken</c> for the next
/// page; absent on the last one.
/// </summary>
public sealed record PageView<T>(IReadOnlyList<T> Items, string? ContinuationToken);
