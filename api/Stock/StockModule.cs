using Backoffice.Infra.Jobs;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Stock;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backoffice.Api.Stock;

/// <summary>
/// Warehouse stock: the ledger (also the effect handler that releases, consumes and takes in stock as orders move),
/// the publication of availability changes, the outbox sweep, the confirmation's reservation step and the endpoints.
/// </summary>
public sealed class StockModule : IApiModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        // Locally changes go to the stock-changed queue; the Azure host replaces this with its Service Bus topic sender.
        services.TryAddSingleton<IStockChangeSink, QueueStockChangeSink>();
        services.AddSingleton<StockLedger>();
        services.AddSingleton<IStockEffects>(sp => sp.GetRequiredService<StockLedger>());
        services.AddSingleton<StockOutboxSweep>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<StockOutboxSweep>());
        services.AddSingleton<IStockReservations, ConfirmationReservations>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => StockEndpoints.Map(api);
}
