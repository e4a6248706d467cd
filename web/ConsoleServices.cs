using Backoffice.Web.Api;
using Backoffice.Web.Formatting;
using Backoffice.Web.Localization;
using Backoffice.Web.Session;
using Microsoft.Extensions.DependencyInjection;

namespace Backoffice.Web;

/// <summary>The console's own services; tests register the same set with fakes swapped in where the browser is needed.</summary>
internal static class ConsoleServices
{
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddLocalization();
        services.AddScoped<LanguageChoice>();
        services.AddScoped<MerchantClocks>();
        services.AddScoped<ISessionStore, BrowserSessionStore>();
        services.AddScoped<UserSession>();
        services.AddScoped<BackofficeClient>();
        services.AddScoped<FileDownloads>();
        return services;
    }
}
