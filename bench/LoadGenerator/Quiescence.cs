using System.Diagnostics;
using Azure.Data.Tables;
using Backoffice.Infra.Storage;

namespace Backoffice.LoadGenerator;

/// <summary>Waiting for the host to finish what a phase started: every outbox row dispatched (by the request, or by the order's orchestration after a crash).</summary>
internal static class Quiescence
{
    public static async Task<TimeSpan> WaitAsync(StorageClients clients, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var pendingRows = 0;
            await foreach (var _ in clients.Table(TableNames.Orders).QueryAsync<TableEntity>("RowKey ge 'out-' and RowKey lt 'out.'", maxPerPage: 1, select: ["RowKey"]))
            {
                pendingRows++;
                break;
            }

            if (pendingRows == 0)
            {
                return clock.Elapsed;
            }

            await Task.Delay(500);
        }

        return clock.Elapsed;
    }
}
