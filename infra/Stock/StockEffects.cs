using Backoffice.Core.Orders;

namespace Backoffice.Infra.Stock;

/// <summary>Runs the stock side of an order's outbox (<see cref="AdjustStock"/> effects) for the effect dispatcher.</summary>
public interface IStockEffects
{
    Task ApplyAsync(AdjustStock effect, CancellationToken ct);
}
