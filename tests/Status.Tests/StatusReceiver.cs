using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backoffice.Status.Tests;

/// <summary>One webhook as the merchant's endpoint received it.</summary>
internal sealed record ReceivedHook(string Path, string? Id, string? Timestamp, string? Signature, string ContentType, byte[] Body);

/// <summary>
/// A merchant's status endpoint: Kestrel on 127.0.0.1 and a free port, recording what arrives and answering as told.
/// </summary>
internal sealed class StatusReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StatusReceiver(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<ReceivedHook> Received { get; } = new();

    /// <summary>What /hooks/status answers: 204 unless a test says otherwise.</summary>
    public Func<HttpContext, Task> Answer { get; set; } = context =>
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    };

    public Uri BaseAddress { get; private set; } = null!;

    public Uri StatusUrl => new(BaseAddress, "/hooks/status");

    /// <summary>An answer that never comes (until the receiver is disposed): a merchant that does not respond.</summary>
    public Task Hang(HttpContext context) => _released.Task.WaitAsync(context.RequestAborted);

    public static async Task<StatusReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new StatusReceiver(app);
        app.MapPost("/hooks/{**path}", async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers;
            receiver.Received.Enqueue(new ReceivedHook(
                context.Request.Path, headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], context.Request.ContentType ?? string.Empty, body.ToArray()));
            await (context.Request.Path == "/hooks/status" ? receiver.Answer(context) : Task.CompletedTask);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        await _app.DisposeAsync();
    }
}
