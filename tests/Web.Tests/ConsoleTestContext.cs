using System.Net;
using System.Text;
using System.Globalization;
using Backoffice.Web.Api;
using Backoffice.Web.Formatting;
using Backoffice.Web.Localization;
using Backoffice.Web.Session;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.FluentUI.AspNetCore.Components;

namespace Backoffice.Web.Tests;

/// <summary>
/// A bUnit context with the console's services: the API answered by <see cref="FakeApi"/>, a fake clock, and a signed-in
/// user kept in memory instead of the browser's sessionStorage.
/// </summary>
internal sealed class ConsoleTestContext : BunitContext
{
    public ConsoleTestContext(string role = Roles.Operator, string? merchantId = null, string language = ConsoleCulture.English)
    {
        // The console's culture is per app (set at start-up); tests pin it, so a test machine's own culture changes nothing.
        ConsoleCulture.Apply(language);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLocalization();
        Services.AddScoped<LanguageChoice>();
        Services.AddScoped<MerchantClocks>();
        Services.AddFluentUIComponents();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<ISessionStore>(new MemorySessionStore(new SignedInUser(role, merchantId, role, SignInKind.Development, "token-for-tests", null)));
        Services.AddScoped(_ => new HttpClient(Api) { BaseAddress = new Uri("http://console.test/") });
        Services.AddScoped<UserSession>();
        Services.AddScoped<BackofficeClient>();
        Services.AddScoped<FileDownloads>();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero));

    public FakeApi Api { get; } = new();

    /// <summary>Loads the signed-in user as the layout would before a page renders.</summary>
    public async Task SignedInAsync() => await Services.GetRequiredService<UserSession>().EnsureLoadedAsync();
}

internal sealed class MemorySessionStore(SignedInUser? user) : ISessionStore
{
    private SignedInUser? _user = user;

    public ValueTask<SignedInUser?> LoadAsync() => ValueTask.FromResult(_user);

    public ValueTask SaveAsync(SignedInUser? user)
    {
        _user = user;
        return ValueTask.CompletedTask;
    }
}

/// <summary>Answers requests by method and path (query ignored) with canned JSON, and records what was sent (query included).</summary>
internal sealed class FakeApi : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpRequestMessage, (HttpStatusCode Status, string Json, string ContentType)>> _routes = [];

    public List<(string Method, string Path, string? Body, string? Authorization, string Query)> Requests { get; } = [];

    public void On(string method, string path, HttpStatusCode status, string json, string contentType = "application/json") =>
        _routes[$"{method} {path}"] = _ => (status, json, contentType);

    public void On(string method, string path, Func<HttpRequestMessage, (HttpStatusCode Status, string Json, string ContentType)> answer) =>
        _routes[$"{method} {path}"] = answer;

    public void OnProblem(string method, string path, HttpStatusCode status, string json) => On(method, path, status, json, "application/problem+json");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method.Method, path, body, request.Headers.Authorization?.ToString(), request.RequestUri.Query));
        if (!_routes.TryGetValue($"{request.Method.Method} {path}", out var answer))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("not routed in the test", Encoding.UTF8, "text/plain") };
        }

        var (status, json, contentType) = answer(request);
        return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, contentType) };
    }
}
