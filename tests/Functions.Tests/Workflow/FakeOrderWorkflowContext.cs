using System.Collections.Concurrent;
using System.Text.Json;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;
using Backoffice.Infra.Workflow;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backoffice.Functions.Tests.Workflow;

/// <summary>A durable timer as the fake engine keeps it.</summary>
internal sealed class FakeTimer(DateTimeOffset fireAt)
{
    private readonly TaskCompletionSource _fired = new();

    public DateTimeOffset FireAt { get; } = fireAt;

    public bool Cancelled { get; private set; }

    public bool Fired { get; private set; }

    public bool Live => !Cancelled && !Fired;

    public Task Task => _fired.Task;

    public void Fire()
    {
        Fired = true;
        _fired.TrySetResult();
    }

    public void Cancel()
    {
        if (Live)
        {
            Cancelled = true;
            _fired.TrySetCanceled();
        }
    }
}

/// <summary>
/// An orchestration engine in miniature, for the order loop: orchestration code runs on one thread (a pumped
/// synchronization context, like Durable's), every payload crosses a JSON boundary as it would in storage, activities
/// run for real (or as the test says), timers fire only when the test moves the clock, and external events queue up
/// until a wait takes them. It refuses what Durable would punish: two outstanding event waits.
/// </summary>
internal sealed class FakeOrderWorkflowContext : IOrderWorkflowContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Func<string, string, Task> _activities;
    private readonly OrchestrationThread _thread = new();
    private readonly Queue<string> _events = new();
    private int _activitiesInFlight;
    private TaskCompletionSource<string>? _waiter;
    private Task<OrderWorkflowStatus>? _run;

    public FakeOrderWorkflowContext(DateTimeOffset start, Func<string, string, Task> activities)
    {
        CurrentUtcDateTime = start;
        _activities = activities;
    }

    public DateTimeOffset CurrentUtcDateTime { get; private set; }

    public List<(string Name, string Input)> ActivityCalls { get; } = [];

    public List<FakeTimer> Timers { get; } = [];

    public List<string> Statuses { get; } = [];

    public int WaitsRequested { get; private set; }

    public bool Completed => _run?.IsCompleted == true;

    public OrderWorkflowStatus Output => _run is { IsCompletedSuccessfully: true } run ? run.Result : throw new InvalidOperationException("The orchestration has not completed.", _run?.Exception);

    public Task CallActivityAsync(string name, object input)
    {
        var json = JsonSerializer.Serialize(input, input.GetType(), Json.Options);
        ActivityCalls.Add((name, json));
        var result = new TaskCompletionSource();
        _activitiesInFlight++;
        _ = Task.Run(async () =>
        {
            Exception? error = null;
            try
            {
                await _activities(name, json).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                error = ex;
            }

            // The result is delivered on the orchestration thread, as the engine would replay it from history.
            _thread.Post(() =>
            {
                _activitiesInFlight--;
                if (error is null)
                {
                    result.SetResult();
                }
                else
                {
                    result.SetException(error);
                }
            });
        });
        return result.Task;
    }

    public Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        var timer = new FakeTimer(fireAt);
        Timers.Add(timer);
        cancellationToken.Register(timer.Cancel);
        return timer.Task;
    }

    public Task<T> WaitForExternalEvent<T>(string eventName)
    {
        if (eventName != OrderOrchestration.CommandEvent)
        {
            throw new InvalidOperationException($"Unexpected event name {eventName}.");
        }

        if (_waiter is not null)
        {
            throw new InvalidOperationException("A second wait for the same event while one is outstanding: an event could go to the wrong one.");
        }

        WaitsRequested++;
        var waiter = new TaskCompletionSource<string>();
        if (_events.TryDequeue(out var buffered))
        {
            waiter.SetResult(buffered);
        }
        else
        {
            _waiter = waiter;
        }

        return Read<T>(waiter.Task);
    }

    public void SetCustomStatus(object? status) => Statuses.Add(JsonSerializer.Serialize(status, Json.Options));

    /// <summary>Starts the orchestration and runs it until it waits for an event or a timer (or finishes).</summary>
    public void Start(PlaceOrder place)
    {
        _thread.Post(() => _run = OrderOrchestration.RunAsync(this, place, NullLogger.Instance));
        RunUntilIdle();
    }

    /// <summary>Raises the "OrderCommand" event (what the Functions host does with RaiseEventAsync) and runs.</summary>
    public void Raise(OrderCommand command, DateTimeOffset? at = null) => Raise(OrderCommandMessage.From(command), at ?? command.Now);

    public void Raise(OrderCommandMessage message, DateTimeOffset at)
    {
        CurrentUtcDateTime = at;
        var json = JsonSerializer.Serialize(message, Json.Options);
        if (_waiter is { } waiter)
        {
            _waiter = null;
            waiter.SetResult(json);
        }
        else
        {
            _events.Enqueue(json);
        }

        RunUntilIdle();
    }

    /// <summary>Moves the engine's clock; live timers due by then fire in due order, each followed by a run.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        CurrentUtcDateTime = at;
        while (Timers.Where(t => t.Live && t.FireAt <= at).OrderBy(t => t.FireAt).FirstOrDefault() is { } due)
        {
            due.Fire();
            RunUntilIdle();
        }
    }

    private static async Task<T> Read<T>(Task<string> json) => JsonSerializer.Deserialize<T>(await json.ConfigureAwait(true), Json.Options)!;

    private void RunUntilIdle()
    {
        _thread.RunUntilIdle(() => _activitiesInFlight > 0, Patience);
        if (_run is { IsFaulted: true } faulted)
        {
            throw new InvalidOperationException("The orchestration failed.", faulted.Exception);
        }
    }

    /// <summary>A single-threaded synchronization context: continuations queue up and run when the test pumps.</summary>
    private sealed class OrchestrationThread : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _work = [];

        public override void Post(SendOrPostCallback d, object? state) => _work.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

        public void Post(Action action) => Post(_ => action(), null);

        public void RunUntilIdle(Func<bool> busy, TimeSpan patience)
        {
            var previous = Current;
            SetSynchronizationContext(this);
            try
            {
                while (true)
                {
                    if (_work.TryTake(out var item, busy() ? patience : TimeSpan.Zero))
                    {
                        item.Callback(item.State);
                    }
                    else if (!busy())
                    {
                        return;
                    }
                    else
                    {
                        throw new TimeoutException("An activity did not finish in time.");
                    }
                }
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
        }
    }
}
