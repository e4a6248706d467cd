namespace Backoffice.Contracts.Customers;

/// <summary>A call attempt to log: about which order (optional), how it went, a note.</summary>
public sealed record CallRequest(string? OrderId, string? Outcome, string? Note);

/// <summary>The customer's tags, replacing the previous set.</summary>
public sealed record TagsRequest(IReadOnlyList<string?>? Tags);

/// <summary>Search by the start of a phone number (international, or national as dialled in the merchant's region) or of a name; paged like every list.</summary>
public sealed record CustomerSearchRequest(string? Phone, string? Name, int? PageSize, string? ContinuationToken);
