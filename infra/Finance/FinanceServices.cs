using Backoffice.Infra.Jobs;
using Backoffice.Infra.Orders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backoffice.Infra.Finance;

/// <summary>Finance's services for either host: ledger, delivered-order index (an order-change observer), runs and the two jobs.</summary>
public static class FinanceServices
{
    public static IServiceCollection AddFinance(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(FinanceOptions.Section).Get<FinanceOptions>() ?? new FinanceOptions();
        services.AddSingleton(options);
        services.AddSingleton<CashLedger>();
        services.AddSingleton<DeliveredOrders>();
        services.AddSingleton<FinanceDocumentStore>();
        services.AddSingleton<ReportStorage>();
        // Downloads stream through the API unless Finance:Downloads:UseSas (Azure): then a user-delegation SAS link.
        services.TryAddSingleton<IUserDelegationKeySource, BlobServiceDelegationKeys>();
        services.TryAddSingleton<IReportLinkSigner, UserDelegationReportLinks>();
        services.AddSingleton(sp => new ReportDownloads(sp.GetRequiredService<ReportStorage>(), options.Downloads.UseSas ? sp.GetRequiredService<IReportLinkSigner>() : null));
        // The Azure host replaces the channel with its Service Bus topic sender; locally messages go to the finance-reports queue.
        services.TryAddSingleton<IFinanceReportChannel, QueueFinanceReportChannel>();
        services.AddSingleton<FinanceNotifier>();
        services.AddSingleton<SettlementRun>();
        services.AddSingleton<SettlementActions>();
        services.AddSingleton<MonthlyInvoiceRun>();
        services.AddSingleton<IOrderChangeObserver, DeliveredOrderObserver>();
        services.AddSingleton<IScheduledJob, WeeklySettlementJob>();
        services.AddSingleton<IScheduledJob, MonthlyInvoiceJob>();
        return services;
    }
}
