namespace Backoffice.Infra.Storage;

/// <summary>Creates tables, queues and containers if missing (idempotent; in Azure, Bicep creates them first).</summary>
public static class StorageProvisioner
{
    public static async Task EnsureCreatedAsync(StorageClients clients, IEnumerable<string>? extraTables = null, CancellationToken ct = default)
    {
        var tables = TableNames.All.Concat(extraTables ?? []).Distinct();
        await Task.WhenAll(tables.Select(t => clients.Table(t).CreateIfNotExistsAsync(ct))).ConfigureAwait(false);
        await Task.WhenAll(QueueNames.All.Select(q => clients.Queue(q).CreateIfNotExistsAsync(cancellationToken: ct))).ConfigureAwait(false);
        await Task.WhenAll(ContainerNames.All.Select(c => clients.Container(c).CreateIfNotExistsAsync(cancellationToken: ct))).ConfigureAwait(false);
    }
}
