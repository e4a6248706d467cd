using Backoffice.Api.Problems;
using Backoffice.Core.Common;
using Backoffice.Infra.Engine;
using Backoffice.Infra.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Backoffice.Api.Diagnostics;

/// <summary>
/// How many storage requests this process has sent since it started (the load generator's cost figure): the
/// application's own (<see cref="Operations"/>) and the order engine's (<see cref="EngineOperations"/>: the Durable sidecar's
/// DurableTask.AzureStorage traffic — queues, history, instances, leases — counted by its own pipeline policy; 0 without it).
/// </summary>
public sealed record StorageOperationsView(long Operations, DateTimeOffset At, long EngineOperations = 0);

/// <summary>
/// Diagnostics for measurements: the storage operation count of this process. Mapped only when
/// <c>Diagnostics:Enabled</c> is true (scripts/bench.sh sets it), and only for supervisors; it exposes a number,
/// never data. Off by default, so neither host serves it unless asked.
/// </summary>
public sealed class DiagnosticsModule : IApiModule
{
    public const string EnabledSetting = "Diagnostics:Enabled";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        if (!api.ServiceProvider.GetRequiredService<IConfiguration>().GetValue(EnabledSetting, false))
        {
            return;
        }

        api.MapGet("/diagnostics/storage-operations", (StorageClients clients, TimeProvider clock, IServiceProvider services) =>
                Results.Ok(new StorageOperationsView(clients.Counter.Count, clock.GetUtcNow(), services.GetService<DurableSidecar>()?.Counter.Count ?? 0)))
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Supervisor })
            .WithTags("Diagnostics")
            .WithSummary("Storage requests sent by this process since it started (only with Diagnostics:Enabled).")
            .Guarded()
            .Produces<StorageOperationsView>(StatusCodes.Status200OK, ApiContract.Json);
    }
}
