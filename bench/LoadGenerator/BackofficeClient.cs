using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Backoffice.Api.Auth;
using Backoffice.Core.Common;

namespace Backoffice.LoadGenerator;

/// <summary>A response as the simulation needs it: status, the order view when there is one, the latency.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonElement? Body, TimeSpan Elapsed)
{
    public int Code => (int)Status;

    public bool Ok => Code is >= 200 and < 300;

    /// <summary>The order as the server last saw it: a command's 200 body, or the "order" a 409 carries.</summary>
    public JsonElement? Order => Body is { ValueKind: JsonValueKind.Object } body
        ? body.TryGetProperty("orderId", out _) ? body : body.TryGetProperty("order", out var o) && o.ValueKind == JsonValueKind.Object ? o : null
        : null;
}

/// <summary>
/// The back-office over HTTP, as storefronts and people use it. Tokens are minted with the host's development
/// signing key when the run knows it (so they survive host restarts), else fetched from /api/dev/token.
/// </summary>
internal sealed class BackofficeClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly DevTokenIssuer? _issuer;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);

    public BackofficeClient(Uri baseUrl, string devKey)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        _http = new HttpClient(new TransportFailures(handler)) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        _issuer = string.IsNullOrEmpty(devKey) ? null : new DevTokenIssuer(TimeProvider.System, Convert.FromBase64String(devKey));
    }

    public Uri BaseUrl => _http.BaseAddress!;

    public async Task WaitForHealthAsync(TimeSpan limit, Func<bool>? gaveUp = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("/api/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && gaveUp?.Invoke() != true)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline && gaveUp?.Invoke() != true)
            {
            }

            if (DateTime.UtcNow >= deadline || gaveUp?.Invoke() == true)
            {
                throw new InvalidOperationException($"The host at {BaseUrl} did not become healthy within {limit}.");
            }

            await Task.Delay(200);
        }
    }

    public async Task<string> TokenAsync(string role, string? merchantId = null)
    {
        var key = role + "|" + merchantId;
        await _tokenLock.WaitAsync();
        try
        {
            if (_tokens.TryGetValue(key, out var cached))
            {
                return cached;
            }

            string token;
            if (_issuer is not null)
            {
                token = _issuer.Issue(role, merchantId, lifetime: TimeSpan.FromHours(8));
            }
            else
            {
                using var response = await _http.PostAsJsonAsync("/api/dev/token", new { role, merchantId });
                response.EnsureSuccessStatusCode();
                token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            }

            _tokens[key] = token;
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    /// <summary>Creates a merchant through the supervisor API and returns its first webhook secret.</summary>
    public async Task<string> CreateMerchantAsync(string merchantId, string currency, string timeZone)
    {
        var response = await SendAsync(HttpMethod.Put, $"/api/merchants/{merchantId}", Roles.Supervisor,
            JsonSerializer.Serialize(new { name = $"Bench {merchantId}", currency, timeZone, tariff = new { fixedPerDeliveredOrder = 150, deliveredValueBasisPoints = 100, cashHandledBasisPoints = 50 } }));
        if (response.Code != 201)
        {
            throw new InvalidOperationException($"Creating merchant {merchantId} answered {response.Code}: {response.Body}");
        }

        return response.Body!.Value.GetProperty("webhookSecret").GetString()!;
    }

    /// <summary>Storage requests the host has sent since it started: the application's and the order engine's.</summary>
    public async Task<StorageCount> StorageOperationsAsync()
    {
        var response = await SendAsync(HttpMethod.Get, "/api/diagnostics/storage-operations", Roles.Supervisor);
        if (!response.Ok)
        {
            throw new InvalidOperationException($"The host does not expose its storage operation count ({response.Code}); start it with Diagnostics__Enabled=true.");
        }

        var body = response.Body!.Value;
        return new StorageCount(body.GetProperty("operations").GetInt64(), body.TryGetProperty("engineOperations", out var engine) ? engine.GetInt64() : 0);
    }

    public Task<ApiResponse> PostWebhookAsync(SignedWebhook hook) => SendRawAsync(hook.Path, hook.Body, hook.Headers);

    public Task<ApiResponse> WorkAsync(string role, string stage, string merchantId, int pageSize) =>
        SendAsync(HttpMethod.Get, $"/api/work/{stage}?merchantId={merchantId}&pageSize={pageSize}", role);

    public Task<ApiResponse> OrderAsync(string role, string merchantId, string orderId) =>
        SendAsync(HttpMethod.Get, $"/api/orders/{merchantId}/{orderId}", role);

    public Task<ApiResponse> CommandAsync(string role, string merchantId, string orderId, string command, object body) =>
        SendAsync(HttpMethod.Post, $"/api/orders/{merchantId}/{orderId}/{command}", role, JsonSerializer.Serialize(body));

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string role, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(role));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await ExchangeAsync(request);
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokenLock.Dispose();
    }

    private async Task<ApiResponse> SendRawAsync(string path, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await ExchangeAsync(request);
    }

    private async Task<ApiResponse> ExchangeAsync(HttpRequestMessage request)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        JsonElement? body = null;
        if (text.Length > 0 && (text[0] == '{' || text[0] == '['))
        {
            body = JsonDocument.Parse(text).RootElement.Clone();
        }

        return new ApiResponse(response.StatusCode, body, elapsed);
    }
}

/// <summary>
/// Reports a connection the host dropped as <see cref="HttpRequestException"/>, which every caller treats as transient.
/// SocketsHttpHandler normally wraps socket errors itself, but a connection reset between connect and the first read
/// can surface as a bare <see cref="System.Net.Sockets.SocketException"/> (seen in a crash run: error 107 from
/// <c>Socket.RemoteEndPoint</c> while the host was being killed), which would end the run instead of being retried.
/// </summary>
internal sealed class TransportFailures(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new HttpRequestException($"The connection to {request.RequestUri} failed: {ex.Message}", ex);
        }
    }
}

/// <summary>A host's storage request counts: the application's and the order engine's.</summary>
internal readonly record struct StorageCount(long App, long Engine)
{
    public static StorageCount operator -(StorageCount a, StorageCount b) => new(a.App - b.App, a.Engine - b.Engine);
}
