using System.Net;
using System.Text;

namespace Backoffice.Hardening.Tests;

/// <summary>A response reduced to what the assertions look at.</summary>
internal sealed record ProbeResult(HttpStatusCode Status, string? MediaType, string Body)
{
    public int Code => (int)Status;

    public IReadOnlyList<string> LeakedMarkers => HardeningWorld.OtherMarkers.Where(m => Body.Contains(m, StringComparison.OrdinalIgnoreCase)).ToArray();

    public override string ToString() => $"{Code} {MediaType} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
}

/// <summary>Calls an endpoint of the matrix: its method, its path with concrete values, an empty JSON body where one is expected.</summary>
internal static class Probe
{
    public static async Task<ProbeResult> SendAsync(HttpClient client, ApiEndpoint endpoint, string merchantId, string orderId, string? query = null)
    {
        var path = RouteValues.Path(endpoint.Pattern, merchantId, orderId) + (query is null ? string.Empty : "?" + query);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await SendAsync(client, request);
    }

    public static async Task<ProbeResult> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new ProbeResult(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }
}
