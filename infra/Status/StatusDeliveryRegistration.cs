using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backoffice.Infra.Status;

public static class StatusDeliveryRegistration
{
    /// <summary>Status delivery and its dead letters. Idempotent: both the API module and the local runner call it.</summary>
    public static IServiceCollection AddStatusDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(StatusDelivery)))
        {
            return services;
        }

        var options = configuration.GetSection(StatusDeliveryOptions.Section).Get<StatusDeliveryOptions>() ?? new StatusDeliveryOptions();
        options.AllowLoopback ??= IsDevelopment(configuration);
        services.AddSingleton(options);
        var allowLoopback = options.LoopbackAllowed;
        services.AddHttpClient(StatusDelivery.HttpClientName, client => client.Timeout = options.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A signed webhook goes where the merchant configured it, never where a redirect points.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),

                // Every address DNS answers is checked when connecting, so a public-looking name that resolves (or is
                // re-pointed) to a private address is refused too (StatusUrlPolicy).
                ConnectCallback = (context, ct) => StatusUrlPolicy.ConnectAsync(context.DnsEndPoint, allowLoopback, ct),
            });
        services.AddSingleton<StatusDeadLetters>();
        services.AddSingleton<StatusDelivery>();
        services.TryAddSingleton<IStatusChannel, QueueStatusChannel>();
        services.AddSingleton<StatusPublisher>();
        return services;
    }

    /// <summary>The host's environment as configuration carries it (ASP.NET, the generic host, Functions).</summary>
    private static bool IsDevelopment(IConfiguration configuration) =>
        new[] { configuration["environment"], configuration["ASPNETCORE_ENVIRONMENT"], configuration["DOTNET_ENVIRONMENT"], configuration["AZURE_FUNCTIONS_ENVIRONMENT"],
            Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"), Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") }
            .FirstOrDefault(e => !string.IsNullOrEmpty(e)) is { } name && name.Equals("Development", StringComparison.OrdinalIgnoreCase);
}
