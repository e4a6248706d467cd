using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Backoffice.Api.Auth;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Common;
using Backoffice.Testing;

namespace Backoffice.Hardening.Tests;

/// <summary>Valid request templates and the ways the catalogue spoils them. Each template alone is accepted (see the control test).</summary>
internal static class HostileRequests
{
    public const string OwnTemplate =
        """{"externalOrderId":"H-1","currency":"EUR","payment":"cashOnDelivery","deliveryFee":500,"customer":{"name":"Anna Schmidt","phone":"+4915112345678","email":"anna@example.com","address":{"line1":"Main street 1","city":"Berlin","postalCode":"10115","country":"DE"}},"lines":[{"sku":"SKU-1","name":"Item","quantity":1,"unitPrice":1000,"inWarehouse":true}]}""";

    public const string ShopifyTemplate =
        """{"id":4001,"name":"#4001","currency":"EUR","financial_status":"pending","payment_gateway_names":["Cash on Delivery (COD)"],"email":"bob@example.com","phone":"+4915199988877","shipping_address":{"name":"Bob Norman","address1":"Chestnut 1","city":"Berlin","zip":"10115","country_code":"DE"},"line_items":[{"id":1,"sku":"IPOD-1","title":"IPod Nano","quantity":2,"price":"199.99"}],"shipping_lines":[{"price":"4.90"}]}""";

    public const string WooTemplate =
        """{"id":5001,"currency":"EUR","payment_method":"cod","set_paid":false,"billing":{"first_name":"John","last_name":"Doe","address_1":"969 Market","city":"Berlin","postcode":"10115","country":"DE","email":"john@example.com","phone":"+49 151 5555 1234"},"shipping":{"first_name":"John","last_name":"Doe","address_1":"969 Market","city":"Berlin","postcode":"10115","country":"DE"},"line_items":[{"id":315,"name":"Woo Single","sku":"W-1","quantity":2,"price":21.99}],"shipping_total":"10.00"}""";

    public const string TrafficTemplate = """{"date":"2026-11-15","visits":1200}""";

    /// <summary>An update of own-shop (which exists): every field may be left out.</summary>
    public const string MerchantTemplate = """{"name":"Own shop","currency":"EUR","timeZone":"Europe/Berlin"}""";

    /// <summary>A new merchant: its tariff must be spelled out.</summary>
    public const string NewMerchantTemplate =
        """{"name":"Own shop","currency":"EUR","timeZone":"Europe/Berlin","tariff":{"fixedPerDeliveredOrder":150,"deliveredValueBasisPoints":0,"cashHandledBasisPoints":100}}""";

    public static string Edit(string template, string find, string replace)
    {
        if (!template.Contains(find, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The template has no '{find}' to replace.");
        }

        return template.Replace(find, replace, StringComparison.Ordinal);
    }

    public static string ManyLines(string template, string linesProperty, string line, int count)
    {
        var start = template.IndexOf($"\"{linesProperty}\":[", StringComparison.Ordinal) + linesProperty.Length + 4;
        var end = template.IndexOf(']', start);
        return template[..start] + string.Join(',', Enumerable.Repeat(line, count)) + template[end..];
    }

    public static string Padded(string template, int bytes) => template[..^1] + ",\"pad\":\"" + new string('x', bytes) + "\"}";

    /// <summary>An own-format (or, with <paramref name="hook"/> "traffic", a traffic) webhook, signed per Standard Webhooks unless <paramref name="sign"/> changes the headers.</summary>
    public static HttpRequestMessage Own(
        HardeningWorld world, string json, string merchantId = HardeningWorld.Own, string contentType = "application/json",
        TimeSpan? age = null, string? secret = null, Action<HttpRequestMessage, byte[], long>? sign = null, bool chunked = false, string hook = "orders")
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{merchantId}/{hook}") { Content = Content(body, contentType, chunked) };
        var timestamp = (world.Host.Clock.GetUtcNow() - (age ?? TimeSpan.Zero)).ToUnixTimeSeconds();
        if (sign is not null)
        {
            sign(request, body, timestamp);
            return request;
        }

        request.Headers.Add("webhook-id", "msg_hostile");
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignatures.SignStandard(secret ?? BackofficeHost.Secret, "msg_hostile", timestamp, body));
        return request;
    }

    public static HttpRequestMessage Traffic(HardeningWorld world, string json, string contentType = "application/json", TimeSpan? age = null, Action<HttpRequestMessage, byte[], long>? sign = null) =>
        Own(world, json, contentType: contentType, age: age, sign: sign, hook: "traffic");

    public static string StandardSignature(long timestamp, byte[] body, string id = "msg_hostile") =>
        WebhookSignatures.SignStandard(BackofficeHost.Secret, id, timestamp, body);

    /// <summary>A Shopify or WooCommerce webhook: base64 HMAC of the body in <paramref name="header"/> (override with <paramref name="signature"/>).</summary>
    public static HttpRequestMessage BodySigned(
        string format, string header, string json, string contentType = "application/json", Func<byte[], string[]>? signature = null, bool chunked = false)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{HardeningWorld.Own}/{format}") { Content = Content(body, contentType, chunked) };
        foreach (var value in signature?.Invoke(body) ?? [WebhookSignatures.SignBody(BackofficeHost.Secret, body)])
        {
            request.Headers.Add(header, value);
        }

        return request;
    }

    public static HttpRequestMessage Shopify(string json, string contentType = "application/json", Func<byte[], string[]>? signature = null, bool chunked = false) =>
        BodySigned("shopify", "X-Shopify-Hmac-Sha256", json, contentType, signature, chunked);

    public static HttpRequestMessage Woo(string json, string contentType = "application/json", Func<byte[], string[]>? signature = null, bool chunked = false) =>
        BodySigned("woocommerce", "X-WC-Webhook-Signature", json, contentType, signature, chunked);

    /// <summary>An operator command on own-shop's order in Confirmation, as a supervisor (who may run every command).</summary>
    public static HttpRequestMessage Command(
        HardeningWorld world, string command, string json, string contentType = "application/json", string? orderPath = null, string? ifMatch = null)
    {
        var path = $"/api/orders/{orderPath ?? $"{HardeningWorld.Own}/{world.OwnOrderId}"}/{command}";
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Content(Encoding.UTF8.GetBytes(json), contentType, chunked: false) };
        Authorize(world, request, Roles.Supervisor);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    public static HttpRequestMessage PutMerchant(HardeningWorld world, string json, string merchantPath = HardeningWorld.Own, string contentType = "application/json", bool chunked = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/merchants/{merchantPath}") { Content = Content(Encoding.UTF8.GetBytes(json), contentType, chunked) };
        Authorize(world, request, Roles.Supervisor);
        return request;
    }

    /// <summary>Any JSON request as the given person (finance, stock, customer and KPI bodies).</summary>
    public static HttpRequestMessage Send(
        HardeningWorld world, HttpMethod method, string path, string json, string role, string? merchantId = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = Content(Encoding.UTF8.GetBytes(json), contentType, chunked: false) };
        Authorize(world, request, role, merchantId);
        return request;
    }

    public static HttpRequestMessage Get(HardeningWorld world, string path, string role = Roles.Supervisor, string? merchantId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        Authorize(world, request, role, merchantId);
        return request;
    }

    private static void Authorize(HardeningWorld world, HttpRequestMessage request, string role, string? merchantId = null) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.Host.Service<DevTokenIssuer>().Issue(role, merchantId));

    private static HttpContent Content(byte[] body, string? contentType, bool chunked)
    {
        HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
        if (!string.IsNullOrEmpty(contentType))
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    /// <summary>A stream that will not say how long it is, so HttpClient sends it chunked (no Content-Length to refuse early).</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
