using Backoffice.Infra.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backoffice.Functions.Hosting;

/// <summary>
/// Creates the application's tables, queues and containers when the worker starts (Bicep creates the account, not its
/// contents). Idempotent and cheap; a failure is logged, not fatal, so a permission problem shows up in the logs.
/// </summary>
public sealed class StorageProvisioning(StorageClients clients, ILogger<StorageProvisioning> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StorageProvisioner.EnsureCreatedAsync(clients, ct: cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex)
        {
            logger.LogError(ex, "Creating the application's tables, queues and containers failed");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
