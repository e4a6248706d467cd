using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Stock;

/// <summary>Where stock changes are published. The Azure host supplies a Service Bus topic sender; locally it is a queue.</summary>
public interface IStockChangeSink
{
    Task PublishAsync(StockChanged change, CancellationToken ct);
}

/// <summary>The local publication channel: the <c>stock-changed</c> storage queue.</summary>
public sealed class QueueStockChangeSink(StorageClients clients) : IStockChangeSink
{
    public Task PublishAsync(StockChanged change, CancellationToken ct) =>
        clients.Queue(QueueNames.StockChanged).SendMessageAsync(Json.Serialize(change), ct);
}
