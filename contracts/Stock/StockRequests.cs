namespace Backoffice.Contracts.Stock;

/// <summary>Goods received into stock. <c>movementId</c> (the delivery note's id, say) makes re-sending it harmless.</summary>
public sealed record ReceiptRequest(int? Quantity, string? Name, string? Note, string? MovementId);

/// <summary>A stock count: what is on the shelf now.</summary>
public sealed record CountRequest(int? Counted, string? Note, string? MovementId);

/// <summary>Lines of a refused or rejected parcel back on the shelves; quantity defaults to the whole line.</summary>
public sealed record ReturnRequest(string? OrderId, IReadOnlyList<ReturnLineRequest?>? Lines, string? Note);

public sealed record ReturnLineRequest(string? LineId, int? Quantity);
