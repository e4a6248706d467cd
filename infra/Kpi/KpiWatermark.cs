using Azure;
using Azure.Data.Tables;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Kpi;

/// <summary>Where the roll-up has got to in the change feed, and what its last run did.</summary>
public sealed record KpiRollupState(DateTimeOffset Position, DateTimeOffset? UpdatedAt, KpiRollupResult? LastRun);

/// <summary>The roll-up's position. It only moves forward: two runs at once both advance it, ETags keep the larger.</summary>
public sealed class KpiWatermark(StorageClients clients)
{
    private const string Partition = "rollup";
    private const string Row = "watermark";

    private TableClient Table => clients.Table(TableNames.KpiRollup);

    public async Task<KpiRollupState> ReadAsync(CancellationToken ct = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } e)
        {
            return new KpiRollupState(DateTimeOffset.MinValue, null, null);
        }

        var last = e.GetString("LastRun") is { Length: > 0 } json ? Json.Deserialize<KpiRollupResult>(json) : null;
        return new KpiRollupState(new DateTimeOffset(e.GetInt64("Position") ?? 0, TimeSpan.Zero), e.GetDateTimeOffset("UpdatedAt"), last);
    }

    public async Task AdvanceAsync(DateTimeOffset position, DateTimeOffset now, KpiRollupResult? run, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct).ConfigureAwait(false);
            var existing = row.HasValue ? row.Value : null;
            var current = existing?.GetInt64("Position") ?? 0;
            var entity = new TableEntity(Partition, Row)
            {
                ["Position"] = Math.Max(current, position.UtcTicks),
                ["UpdatedAt"] = now,
                ["LastRun"] = run is null ? existing?.GetString("LastRun") : Json.Serialize(run),
            };
            try
            {
                if (existing is null)
                {
                    await Table.AddEntityAsync(entity, ct).ConfigureAwait(false);
                }
                else
                {
                    await Table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 20)
            {
                // Another run moved it meanwhile: reload and keep the larger position.
            }
        }
    }
}
