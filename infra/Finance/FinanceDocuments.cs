using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Common;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Finance;

public enum FinanceDocumentKind
{
    Settlement,
    Invoice,
}

/// <summary>
/// A weekly settlement statement or a monthly invoice: the period it covers (on the merchant's calendar and as the
/// range of ledger recording times it took), its totals, its state and its files. Files never change once written.
/// </summary>
public sealed record FinanceDocument(
    FinanceDocumentKind Kind,
    string MerchantId,
    string Period,
    string Currency,
    string TimeZone,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    long FromTicks,
    long ToTicks,
    string TotalsJson,
    string State,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> FileSha256,
    string? ApprovedBy = null,
    DateTimeOffset? ApprovedAt = null,
    string? PaidBy = null,
    DateTimeOffset? PaidAt = null,
    string? BankReference = null,
    DateOnly? PaidOn = null,
    bool Notified = false,
    int Version = 1,
    ETag ETag = default)
{
    public T Totals<T>() => Json.Deserialize<T>(TotalsJson);

    public string FilePath(string format) => ReportPaths.For(Kind, MerchantId, Period, format);
}

/// <summary>Who changed a document, from what to what, when.</summary>
public sealed record FinanceAudit(string Action, string? FromState, string ToState, string UserId, string Role, DateTimeOffset At, string? Detail);

/// <summary>Blob names under the <c>reports</c> container.</summary>
public static class ReportPaths
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx", "pdf"];

    public static string For(FinanceDocumentKind kind, string merchantId, string period, string format) =>
        $"{(kind == FinanceDocumentKind.Settlement ? "settlements" : "invoices")}/{merchantId}/{period}.{format}";

    public static string ContentType(string format) => format switch
    {
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    };
}

/// <summary>
/// Statements and invoices (table FinanceDocuments, partition = merchant). A document and its audit rows share the
/// partition, so every state change commits together with its audit row, guarded by the document's ETag.
/// </summary>
public sealed class FinanceDocumentStore(StorageClients clients)
{
    private TableClient Table => clients.Table(TableNames.FinanceDocuments);

    private static string Prefix(FinanceDocumentKind kind) => kind == FinanceDocumentKind.Settlement ? "settlement~" : "invoice~";

    private static string Row(FinanceDocumentKind kind, string period) => Prefix(kind) + period;

    public async Task<FinanceDocument?> GetAsync(FinanceDocumentKind kind, string merchantId, string period, CancellationToken ct = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(merchantId, Row(kind, period), cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e ? Read(e) : null;
    }

    /// <summary>A merchant's documents of one kind with periods in [from, to] (labels sort in time order), oldest first.</summary>
    public async Task<IReadOnlyList<FinanceDocument>> ListAsync(FinanceDocumentKind kind, string merchantId, string? from, string? to, int max, CancellationToken ct = default)
    {
        var prefix = Prefix(kind);
        var filter = $"PartitionKey eq {Keys.Literal(merchantId)} and RowKey ge {Keys.Literal(prefix + (from ?? string.Empty))} and RowKey le {Keys.Literal(prefix + (to ?? "~"))}";
        var result = new List<FinanceDocument>();
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: ct).ConfigureAwait(false))
        {
            result.Add(Read(e));
            if (result.Count >= max)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>Adds the document with its first audit row; false when it already exists (another run made it first).</summary>
    public async Task<bool> CreateAsync(FinanceDocument document, FinanceAudit audit, CancellationToken ct = default)
    {
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, Write(document)),
                new TableTransactionAction(TableTransactionActionType.Add, AuditRow(document, audit)),
            ], ct).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Writes a changed document and its audit row together. Throws 412 when someone changed it since it was read.</summary>
    public Task TransitionAsync(FinanceDocument changed, FinanceAudit audit, CancellationToken ct = default)
    {
        var next = changed with { Version = changed.Version + 1 };
        return Table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, Write(next), changed.ETag),
            new TableTransactionAction(TableTransactionActionType.Add, AuditRow(next, audit)),
        ], ct);
    }

    /// <summary>
    /// Records that the document's message was sent. Called only after the send succeeded, so a failed send leaves the
    /// document unnotified and the next run sends again; two runs may both send, and consumers dedupe on the message id.
    /// </summary>
    public Task MarkNotifiedAsync(FinanceDocument document, CancellationToken ct = default) =>
        Table.UpdateEntityAsync(new TableEntity(document.MerchantId, Row(document.Kind, document.Period)) { ["Notified"] = true }, ETag.All, TableUpdateMode.Merge, ct);

    public async Task<IReadOnlyList<FinanceAudit>> AuditAsync(FinanceDocumentKind kind, string merchantId, string period, CancellationToken ct = default)
    {
        var prefix = $"audit~{Row(kind, period)}~";
        var filter = $"PartitionKey eq {Keys.Literal(merchantId)} and RowKey ge {Keys.Literal(prefix)} and RowKey lt {Keys.Literal(prefix + "~")}";
        var result = new List<FinanceAudit>();
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            result.Add(new FinanceAudit(e.GetString("Action"), e.GetString("FromState"), e.GetString("ToState"), e.GetString("UserId"), e.GetString("Role"),
                e.GetDateTimeOffset("At") ?? default, e.GetString("Detail")));
        }

        return result;
    }

    private static TableEntity AuditRow(FinanceDocument d, FinanceAudit a) =>
        new(d.MerchantId, string.Create(CultureInfo.InvariantCulture, $"audit~{Row(d.Kind, d.Period)}~{d.Version:D6}"))
        {
            ["Action"] = a.Action,
            ["FromState"] = a.FromState,
            ["ToState"] = a.ToState,
            ["UserId"] = a.UserId,
            ["Role"] = a.Role,
            ["At"] = a.At,
            ["Detail"] = a.Detail,
        };

    public static FinanceAudit Audit(string action, string? from, string to, Actor by, DateTimeOffset at, string? detail = null) =>
        new(action, from, to, by.UserId, by.Role, at, detail);

    private static TableEntity Write(FinanceDocument d)
    {
        var e = new TableEntity(d.MerchantId, Row(d.Kind, d.Period))
        {
            ["Kind"] = d.Kind.ToString(),
            ["Period"] = d.Period,
            ["Currency"] = d.Currency,
            ["TimeZone"] = d.TimeZone,
            ["PeriodStart"] = d.PeriodStart,
            ["PeriodEnd"] = d.PeriodEnd,
            ["FromTicks"] = d.FromTicks,
            ["ToTicks"] = d.ToTicks,
            ["Totals"] = d.TotalsJson,
            ["State"] = d.State,
            ["CreatedAt"] = d.CreatedAt,
            ["ApprovedBy"] = d.ApprovedBy,
            ["ApprovedAt"] = d.ApprovedAt,
            ["PaidBy"] = d.PaidBy,
            ["PaidAt"] = d.PaidAt,
            ["BankReference"] = d.BankReference,
            ["PaidOn"] = d.PaidOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Notified"] = d.Notified,
            ["Version"] = d.Version,
        };
        foreach (var (format, hash) in d.FileSha256)
        {
            e["Sha256_" + format] = hash;
        }

        return e;
    }

    private static FinanceDocument Read(TableEntity e) => new(
        Enum.Parse<FinanceDocumentKind>(e.GetString("Kind")),
        e.PartitionKey,
        e.GetString("Period"),
        e.GetString("Currency"),
        e.GetString("TimeZone"),
        e.GetDateTimeOffset("PeriodStart") ?? default,
        e.GetDateTimeOffset("PeriodEnd") ?? default,
        e.GetInt64("FromTicks") ?? 0,
        e.GetInt64("ToTicks") ?? 0,
        e.GetString("Totals"),
        e.GetString("State"),
        e.GetDateTimeOffset("CreatedAt") ?? default,
        ReportPaths.Formats.Where(f => e.ContainsKey("Sha256_" + f)).ToDictionary(f => f, f => e.GetString("Sha256_" + f), StringComparer.Ordinal),
        e.GetString("ApprovedBy"),
        e.GetDateTimeOffset("ApprovedAt"),
        e.GetString("PaidBy"),
        e.GetDateTimeOffset("PaidAt"),
        e.GetString("BankReference"),
        e.GetString("PaidOn") is { } paidOn ? DateOnly.ParseExact(paidOn, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        e.GetBoolean("Notified") ?? false,
        e.GetInt32("Version") ?? 1,
        e.ETag);
}
