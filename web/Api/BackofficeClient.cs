using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Web.Session;

namespace Backoffice.Web.Api;

/// <summary>
/// The console's one way to the API: adds the person's bearer token, turns every failure (network, ProblemDetails,
/// anything else) into a <see cref="Problem"/> to show in place, and signs a Development user out on 401.
/// </summary>
internal sealed class BackofficeClient(HttpClient http, UserSession session)
{
    public const string ApiAuthorizationHeader = "X-Api-Authorization";

    private IReadOnlyDictionary<string, IReadOnlyList<ReasonView>>? _reasons;

    public Task<ApiResult<PageView<WorkItemView>>> WorkQueueAsync(string stage, string? merchantId, int pageSize, string? continuationToken, CancellationToken ct = default) =>
        GetAsync<PageView<WorkItemView>>(Query($"api/work/{stage}", ("merchantId", merchantId), ("pageSize", pageSize.ToString(CultureInfo.InvariantCulture)), ("continuationToken", continuationToken)), ct);

    public Task<ApiResult<OrderView>> OrderAsync(string merchantId, string orderId, CancellationToken ct = default) =>
        GetAsync<OrderView>($"api/orders/{Uri.EscapeDataString(merchantId)}/{Uri.EscapeDataString(orderId)}", ct);

    public Task<ApiResult<PageView<MerchantOrderView>>> MerchantOrdersAsync(string merchantId, int pageSize, string? continuationToken, CancellationToken ct = default) =>
        GetAsync<PageView<MerchantOrderView>>(Query($"api/merchants/{Uri.EscapeDataString(merchantId)}/orders", ("pageSize", pageSize.ToString(CultureInfo.InvariantCulture)), ("continuationToken", continuationToken)), ct);

    /// <summary>A merchant's orders the shop named so ("#1047" or "1047": a leading #, case and spaces do not matter); one page, no paging.</summary>
    public Task<ApiResult<PageView<MerchantOrderView>>> FindMerchantOrdersAsync(string merchantId, string displayName, CancellationToken ct = default) =>
        GetAsync<PageView<MerchantOrderView>>(Query($"api/merchants/{Uri.EscapeDataString(merchantId)}/orders", ("displayName", displayName)), ct);

    /// <summary>Runs an order command (confirm, cancel, pickup, ...); 200 gives the new order, 409/412 a problem with the fresh one.</summary>
    public Task<ApiResult<OrderView>> CommandAsync(string merchantId, string orderId, string action, object body, CancellationToken ct = default) =>
        SendAsync<OrderView>(HttpMethod.Post, $"api/orders/{Uri.EscapeDataString(merchantId)}/{Uri.EscapeDataString(orderId)}/{action}", body, ct);

    public async Task<ApiResult<IReadOnlyDictionary<string, IReadOnlyList<ReasonView>>>> ReasonsAsync(CancellationToken ct = default)
    {
        if (_reasons is not null)
        {
            return ApiResult<IReadOnlyDictionary<string, IReadOnlyList<ReasonView>>>.Success(_reasons);
        }

        var result = await GetAsync<Dictionary<string, ReasonView[]>>("api/reference/reasons", ct);
        if (!result.Ok)
        {
            return ApiResult<IReadOnlyDictionary<string, IReadOnlyList<ReasonView>>>.Failure(result.Problem!);
        }

        // Keys are stage names as the API spells them ("Confirmation", "SupplierPickup"): compare without case.
        _reasons = result.Value!.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<ReasonView>)kv.Value, StringComparer.OrdinalIgnoreCase);
        return ApiResult<IReadOnlyDictionary<string, IReadOnlyList<ReasonView>>>.Success(_reasons);
    }

    /// <summary>A merchant's customers, paged (no search).</summary>
    public Task<ApiResult<CustomerPage>> CustomersAsync(string merchantId, int pageSize, string? continuationToken, CancellationToken ct = default) =>
        GetAsync<CustomerPage>(Query(CustomersPath(merchantId), ("pageSize", pageSize.ToString(CultureInfo.InvariantCulture)), ("continuationToken", continuationToken)), ct);

    /// <summary>Customers by phone or name prefix. A POST, so phone numbers and names never travel in URLs (which logs record).</summary>
    public Task<ApiResult<CustomerPage>> SearchCustomersAsync(string merchantId, CustomerSearchRequest search, CancellationToken ct = default) =>
        SendAsync<CustomerPage>(HttpMethod.Post, $"{CustomersPath(merchantId)}/search", search, ct);

    public Task<ApiResult<CustomerProfileView>> CustomerAsync(string merchantId, string customerId, CancellationToken ct = default) =>
        GetAsync<CustomerProfileView>($"{CustomersPath(merchantId)}/{Uri.EscapeDataString(customerId)}", ct);

    public Task<ApiResult<ConfirmationBrief>> ConfirmationBriefAsync(string merchantId, string orderId, CancellationToken ct = default) =>
        GetAsync<ConfirmationBrief>($"{CustomersPath(merchantId)}/by-order/{Uri.EscapeDataString(orderId)}", ct);

    public Task<ApiResult<ErasureView>> EraseCustomerAsync(string merchantId, string customerId, CancellationToken ct = default) =>
        SendAsync<ErasureView>(HttpMethod.Post, $"{CustomersPath(merchantId)}/{Uri.EscapeDataString(customerId)}/erasure", new { }, ct);

    public static string CustomerExportPath(string merchantId) => $"{CustomersPath(merchantId)}/export.csv";

    public Task<ApiResult<MerchantView[]>> MerchantsAsync(CancellationToken ct = default) => GetAsync<MerchantView[]>("api/merchants", ct);

    public Task<ApiResult<MerchantView>> MerchantAsync(string merchantId, CancellationToken ct = default) =>
        GetAsync<MerchantView>($"api/merchants/{Uri.EscapeDataString(merchantId)}", ct);

    /// <summary>PUT creates (201 with the first webhook secret) or updates (200 with the merchant).</summary>
    public async Task<ApiResult<(MerchantView Merchant, string? Secret)>> SaveMerchantAsync(string merchantId, MerchantRequest request, CancellationToken ct = default)
    {
        var result = await SendAsync<JsonElement>(HttpMethod.Put, $"api/merchants/{Uri.EscapeDataString(merchantId)}", request, ct);
        if (!result.Ok)
        {
            return ApiResult<(MerchantView, string?)>.Failure(result.Problem!);
        }

        var json = result.Value;
        if (json.TryGetProperty("webhookSecret", out _))
        {
            var created = json.Deserialize<MerchantCreated>(WireJson.Options)!;
            return ApiResult<(MerchantView, string?)>.Success((created.Merchant, created.WebhookSecret));
        }

        return ApiResult<(MerchantView, string?)>.Success((json.Deserialize<MerchantView>(WireJson.Options)!, null));
    }

    public Task<ApiResult<SecretIssued>> RotateWebhookSecretAsync(string merchantId, CancellationToken ct = default) =>
        SendAsync<SecretIssued>(HttpMethod.Post, $"api/merchants/{Uri.EscapeDataString(merchantId)}/webhook-secrets", new { }, ct);

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct = default) => SendAsync<T>(HttpMethod.Get, path, null, ct);

    /// <summary>A file the API makes (CSV, XLSX, PDF): its bytes, type and suggested name.</summary>
    public async Task<ApiResult<DownloadedFile>> DownloadAsync(string path, string fallbackName, CancellationToken ct = default)
    {
        using var request = Authorized(new HttpRequestMessage(HttpMethod.Get, path));
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return ApiResult<DownloadedFile>.Failure(await HandleFailureAsync(response));
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? fallbackName;
            return ApiResult<DownloadedFile>.Success(new DownloadedFile(name, response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream", bytes));
        }
        catch (HttpRequestException ex)
        {
            return ApiResult<DownloadedFile>.Failure(Problem.Network(ex.Message));
        }
    }

    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct = default)
    {
        using var request = Authorized(new HttpRequestMessage(method, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: WireJson.Options);
        }

        try
        {
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return ApiResult<T>.Failure(await HandleFailureAsync(response));
            }

            var value = await response.Content.ReadFromJsonAsync<T>(WireJson.Options, ct);
            return value is null
                ? ApiResult<T>.Failure(Problem.Unexpected((int)response.StatusCode, Localization.ConsoleText.Get("Problem.Empty")))
                : ApiResult<T>.Success(value, response.Headers.ETag?.Tag);
        }
        catch (HttpRequestException ex)
        {
            return ApiResult<T>.Failure(Problem.Network(ex.Message));
        }
        catch (JsonException ex)
        {
            return ApiResult<T>.Failure(Problem.Unexpected(200, Localization.ConsoleText.Format("Problem.Unexpected", ex.Message)));
        }
    }

    public static async Task<Problem> ReadProblemAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json" && !string.IsNullOrWhiteSpace(text))
        {
            try
            {
                var problem = JsonSerializer.Deserialize<Problem>(text, WireJson.Options);
                if (problem is not null)
                {
                    return problem with { Status = problem.Status ?? status };
                }
            }
            catch (JsonException)
            {
                // Not a problem document after all: fall through and show the status.
            }
        }

        return status switch
        {
            401 => new Problem(null, Localization.ConsoleText.Get("Problem.401"), status, null, null, null, null),
            403 => new Problem(null, Localization.ConsoleText.Get("Problem.403"), status, null, null, null, null),
            404 => new Problem(null, Localization.ConsoleText.Get("Problem.404"), status, null, null, null, null),
            _ => Problem.Unexpected(status, text),
        };
    }

    private async Task<Problem> HandleFailureAsync(HttpResponseMessage response)
    {
        var problem = await ReadProblemAsync(response);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            await session.ExpireAsync();
        }

        return problem;
    }

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        if (session.User?.AccessToken is { Length: > 0 } token)
        {
            // Static Web Apps replaces Authorization on calls it forwards to the linked API, so the token also travels
            // as X-Api-Authorization, which the API reads when Authorization carries no token of ours.
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.TryAddWithoutValidation(ApiAuthorizationHeader, "Bearer " + token);
        }

        return request;
    }

    private static string CustomersPath(string merchantId) => $"api/merchants/{Uri.EscapeDataString(merchantId)}/customers";

    private static string Query(string path, params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToArray();
        return present.Length == 0 ? path : $"{path}?{string.Join('&', present)}";
    }
}

public sealed record DownloadedFile(string Name, string ContentType, byte[] Content);
