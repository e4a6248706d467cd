using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Finance;

/// <summary>
/// Tells finance a report is ready (a Service Bus topic <c>finance-reports</c> in Azure, a queue locally). Delivery is
/// at least once: <see cref="Id"/> is stable per document, so a consumer dedupes on it.
/// </summary>
public sealed record FinanceReportMessage(
    string Id, string Kind, string MerchantId, string Period, string Currency, string Container, IReadOnlyDictionary<string, string> Files, object Totals);

public sealed class FinanceNotifier(StorageClients clients)
{
    public Task SendAsync(FinanceDocument document, object totals, CancellationToken ct) =>
        clients.Queue(QueueNames.FinanceReports).SendMessageAsync(Json.Serialize(new FinanceReportMessage(
            $"{document.Kind.ToString().ToLowerInvariant()}/{document.MerchantId}/{document.Period}",
            document.Kind.ToString().ToLowerInvariant(),
            document.MerchantId,
            document.Period,
            document.Currency,
            ContainerNames.Reports,
            ReportPaths.Formats.ToDictionary(f => f, document.FilePath, StringComparer.Ordinal),
            totals)), ct);
}
