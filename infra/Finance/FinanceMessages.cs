using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Finance;

/// <summary>
/// Tells finance a report is ready (a Service Bus topic <c>finance-reports</c> in Azure, a queue locally). Delivery is
/// at least once: <see cref="Id"/> is stable per document, so a consumer dedupes on it.
/// </summary>
public sealed record FinanceReportMessage(
    string Id, string Kind, string MerchantId, string Period, string Currency, string Container, IReadOnlyDictionary<string, string> Files, object Totals);

/// <summary>Where finance report messages go. The Azure host supplies a Service Bus topic sender; locally it is a queue.</summary>
public interface IFinanceReportChannel
{
    Task PublishAsync(FinanceReportMessage message, CancellationToken ct);
}

/// <summary>The local channel: the <c>finance-reports</c> storage queue.</summary>
public sealed class QueueFinanceReportChannel(StorageClients clients) : IFinanceReportChannel
{
    public Task PublishAsync(FinanceReportMessage message, CancellationToken ct) =>
        clients.Queue(QueueNames.FinanceReports).SendMessageAsync(Json.Serialize(message), ct);
}

/// <summary>Builds the message for a recorded document and hands it to the channel.</summary>
public sealed class FinanceNotifier(IFinanceReportChannel channel)
{
    public static FinanceReportMessage MessageFor(FinanceDocument document, object totals)
    {
        ArgumentNullException.ThrowIfNull(document);
        var kind = document.Kind.ToString().ToLowerInvariant();
        return new FinanceReportMessage(
            $"{kind}/{document.MerchantId}/{document.Period}",
            kind,
            document.MerchantId,
            document.Period,
            document.Currency,
            ContainerNames.Reports,
            ReportPaths.Formats.ToDictionary(f => f, document.FilePath, StringComparer.Ordinal),
            totals);
    }

    public Task SendAsync(FinanceDocument document, object totals, CancellationToken ct) =>
        channel.PublishAsync(MessageFor(document, totals), ct);
}
