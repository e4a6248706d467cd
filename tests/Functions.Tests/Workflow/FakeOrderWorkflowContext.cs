using System.Text;
using System.Text.Json;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;
using Backoffice.Infra.Workflow;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backoffice.Functions.Tests.Workflow;

/// <summary>A durable timer as the fake engine keeps it (its id is the orchestration's task id, as in Durable's history).</summary>
internal sealed class FakeTimer(int id, DateTimeOffset fireAt)
{
    public int Id { get; } = id;

    public DateTimeOffset FireAt { get; } = fireAt;

    public bool Cancelled { get; internal set; }

    public bool Fired { get; internal set; }

    public bool Live => !Cancelled && !Fired;
}

/// <summary>The orchestrator issued other calls on replay than it did the first time: Durable fails such an instance.</summary>
internal sealed class NonDeterministicOrchestrationException(string message) : Exception(message);

/// <summary>The fake engine refuses what Durable punishes: an uncancelled losing timer, payloads that are documents.</summary>
internal sealed class OrchestrationRuleException(string message) : Exception(message);

/// <summary>
/// An orchestration engine in miniature that replays as the Durable Task Framework does. It keeps the instance's
/// history (orchestrator started at a time, activity completed, timer fired, event raised); after every new history
/// event it runs the orchestrator function again <em>from the start</em> on a fresh single-threaded context, feeding it
/// the recorded history in order, and requires the calls it issues (activities with their inputs, timers with their
/// due times, event waits) to begin with exactly the calls every earlier run issued. Calls beyond the history are new:
/// activities then run for real (or as the test says) and their completion becomes the next history event.
/// <para>
/// It also checks, after every run: a timer created before the last event or timer firing that is neither fired nor
/// cancelled (the loop did not cancel the losing deadline timer; in Durable it keeps the instance running); no live
/// timer once the orchestration completed; at most one outstanding wait for the command event; every activity input,
/// event payload, custom status and the output under a size bound (ids and events, not documents).
/// </para>
/// </summary>
internal sealed class FakeOrderWorkflowContext
{
    /// <summary>Upper bound on one activity input or event payload, serialized (UTF-8 bytes).</summary>
    public const int MaxPayloadBytes = 8 * 1024;

    /// <summary>Upper bound on the custom status and the output, serialized (UTF-8 bytes).</summary>
    public const int MaxStatusBytes = 1024;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Func<string, string, Task> _activities;
    private readonly Func<IOrderWorkflowContext, Task<OrderWorkflowStatus>>? _orchestrator;
    private readonly List<HistoryEvent> _history = [];
    private readonly List<string> _calls = [];
    private readonly Dictionary<int, FakeTimer> _timers = [];
    private readonly HashSet<int> _activitiesRun = [];
    private Func<IOrderWorkflowContext, Task<OrderWorkflowStatus>>? _run;
    private Episode? _last;

    /// <param name="orchestrator">The orchestrator function; by default the order loop with the input given to <see cref="Start"/>.</param>
    public FakeOrderWorkflowContext(DateTimeOffset start, Func<string, string, Task> activities, Func<IOrderWorkflowContext, Task<OrderWorkflowStatus>>? orchestrator = null)
    {
        CurrentUtcDateTime = start;
        _activities = activities;
        _orchestrator = orchestrator;
    }

    /// <summary>The engine's clock: the time of the latest "orchestrator started" history event.</summary>
    public DateTimeOffset CurrentUtcDateTime { get; private set; }

    /// <summary>Every activity the orchestration scheduled, in order, with its serialized input (each recorded once, not per replay).</summary>
    public List<(string Name, string Input)> ActivityCalls { get; } = [];

    public List<FakeTimer> Timers { get; } = [];

    /// <summary>The custom statuses the latest run set (Durable keeps the last one).</summary>
    public IReadOnlyList<string> Statuses => _last?.Statuses ?? [];

    /// <summary>Waits for the command event the latest run issued (a replay re-issues the earlier ones).</summary>
    public int WaitsRequested => _last?.Waits ?? 0;

    /// <summary>How many times the orchestrator function ran from the start (the first run and every replay).</summary>
    public int Runs { get; private set; }

    /// <summary>History events recorded (started, completed, fired, raised).</summary>
    public int HistoryLength => _history.Count;

    public bool Completed => _last?.Run?.IsCompleted == true;

    public OrderWorkflowStatus Output => _last?.Run is { IsCompletedSuccessfully: true } run
        ? run.Result
        : throw new InvalidOperationException("The orchestration has not completed.", _last?.Run?.Exception);

    /// <summary>The last rejection code the orchestration reported in its custom status, if any.</summary>
    public string? LastRejection => Statuses.Count == 0 ? null : Json.Deserialize<OrderWorkflowStatus>(Statuses[^1]).LastRejection;

    /// <summary>Starts the orchestration and runs it until it waits for an event or a timer (or finishes).</summary>
    public void Start(PlaceOrder place)
    {
        CheckSize("the orchestration input", JsonSerializer.Serialize(place, Json.Options), MaxPayloadBytes);
        _run = _orchestrator ?? (context => OrderOrchestration.RunAsync(context, place, NullLogger.Instance));
        _history.Add(new OrchestratorStarted(CurrentUtcDateTime));
        RunUntilIdle();
    }

    /// <summary>Raises the "OrderCommand" event (what the Functions host does with RaiseEventAsync) and runs.</summary>
    public void Raise(OrderCommand command, DateTimeOffset? at = null) => Raise(OrderCommandMessage.From(command), at ?? command.Now);

    public void Raise(OrderCommandMessage message, DateTimeOffset at)
    {
        CurrentUtcDateTime = at;
        if (Completed)
        {
            return; // Durable drops events raised to a completed instance.
        }

        var json = JsonSerializer.Serialize(message, Json.Options);
        CheckSize("an event payload", json, MaxPayloadBytes);
        _history.Add(new OrchestratorStarted(at));
        _history.Add(new EventRaised(OrderOrchestration.CommandEvent, json));
        RunUntilIdle();
    }

    /// <summary>Moves the engine's clock; live timers due by then fire in due order, each followed by a run.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        CurrentUtcDateTime = at;
        while (Timers.Where(t => t.Live && t.FireAt <= at).OrderBy(t => t.FireAt).FirstOrDefault() is { } due)
        {
            due.Fired = true;
            _history.Add(new OrchestratorStarted(at));
            _history.Add(new TimerFired(due.Id));
            RunUntilIdle();
        }
    }

    private static void CheckSize(string what, string json, int limit)
    {
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > limit)
        {
            throw new OrchestrationRuleException($"{what} is {bytes} bytes serialized; keep it under {limit} (ids and events, not documents).");
        }
    }

    /// <summary>Replays, runs new activities (each completion is a new history event, so another replay), until only waits remain.</summary>
    private void RunUntilIdle()
    {
        var run = _run ?? throw new InvalidOperationException("Start the orchestration first.");
        while (true)
        {
            var episode = new Episode(_history);
            episode.Play(run);
            Runs++;
            if (episode.Run is { IsFaulted: true } faulted)
            {
                var inner = faulted.Exception!.InnerException!;
                if (inner is NonDeterministicOrchestrationException or OrchestrationRuleException)
                {
                    throw inner;
                }

                throw new InvalidOperationException("The orchestration failed.", faulted.Exception);
            }

            Compare(episode.Calls);
            _last = episode;
            foreach (var (id, fireAt) in episode.TimersCreated)
            {
                if (!_timers.ContainsKey(id))
                {
                    var timer = new FakeTimer(id, fireAt);
                    _timers.Add(id, timer);
                    Timers.Add(timer);
                }
            }

            foreach (var id in episode.TimersCancelled)
            {
                if (_timers[id] is { Fired: false } timer)
                {
                    timer.Cancelled = true;
                }
            }

            var fresh = episode.ActivitiesScheduled.Where(a => !_activitiesRun.Contains(a.Id)).ToArray();
            if (fresh.Length == 0)
            {
                break;
            }

            foreach (var (id, name, input) in fresh)
            {
                _activitiesRun.Add(id);
                ActivityCalls.Add((name, input));
                string? error = null;
                try
                {
                    // Outside the orchestration: an activity is ordinary code with I/O.
                    if (!Task.Run(() => _activities(name, input)).Wait(Patience))
                    {
                        throw new TimeoutException($"Activity {name} did not finish in time.");
                    }
                }
                catch (AggregateException ex)
                {
                    error = ex.InnerException?.ToString() ?? ex.ToString();
                }

                _history.Add(new ActivityCompleted(id, error));
            }
        }

        CheckTimers(_last!);
    }

    /// <summary>What Durable does on replay: the calls of this run must start with the calls already in the history.</summary>
    private void Compare(IReadOnlyList<string> calls)
    {
        for (var i = 0; i < _calls.Count; i++)
        {
            if (i >= calls.Count || calls[i] != _calls[i])
            {
                throw new NonDeterministicOrchestrationException(
                    $"Replay {Runs} issued a different call #{i + 1}: recorded \"{_calls[i]}\", replayed \"{(i < calls.Count ? calls[i] : "(nothing)")}\". " +
                    "Orchestrator code must not read the clock, random values, I/O or anything but its input and history.");
            }
        }

        _calls.AddRange(calls.Skip(_calls.Count));
    }

    private void CheckTimers(Episode episode)
    {
        if (Completed && Timers.FirstOrDefault(t => t.Live) is { } left)
        {
            throw new OrchestrationRuleException($"The orchestration completed with the timer for {left.FireAt:O} still running: it keeps the instance alive.");
        }

        // A timer from an earlier round that is neither fired nor cancelled lost to an event (or to another timer) and
        // was not cancelled: in Durable the instance stays "Running" until it fires.
        if (Timers.FirstOrDefault(t => t.Live && episode.RoundOf(t.Id) < episode.LastRound) is { } stale)
        {
            throw new OrchestrationRuleException($"The timer for {stale.FireAt:O} lost and was not cancelled.");
        }
    }

    private abstract record HistoryEvent;

    private sealed record OrchestratorStarted(DateTimeOffset At) : HistoryEvent;

    private sealed record ActivityCompleted(int TaskId, string? Error) : HistoryEvent;

    private sealed record TimerFired(int TaskId) : HistoryEvent;

    private sealed record EventRaised(string Name, string Json) : HistoryEvent;

    /// <summary>The orchestration's failure as Durable surfaces it to orchestrator code (TaskFailedException there).</summary>
    private sealed class ActivityFailedException(string details) : Exception("An activity failed: " + details);

    /// <summary>
    /// One run of the orchestrator function over the history so far, on its own single-threaded synchronization
    /// context: each history event completes its task, and every continuation runs before the next event is applied.
    /// </summary>
    private sealed class Episode(IReadOnlyList<HistoryEvent> history) : SynchronizationContext, IOrderWorkflowContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
        private readonly Dictionary<int, TaskCompletionSource> _activities = [];
        private readonly Dictionary<int, TaskCompletionSource> _timers = [];
        private readonly Dictionary<int, int> _timerRounds = [];
        private readonly Queue<string> _events = new();
        private TaskCompletionSource<string>? _waiter;
        private int _nextId;
        private int _round;

        public DateTimeOffset CurrentUtcDateTime { get; private set; }

        public Task<OrderWorkflowStatus>? Run { get; private set; }

        public List<string> Calls { get; } = [];

        public List<(int Id, string Name, string Input)> ActivitiesScheduled { get; } = [];

        public List<(int Id, DateTimeOffset FireAt)> TimersCreated { get; } = [];

        public List<int> TimersCancelled { get; } = [];

        public List<string> Statuses { get; } = [];

        public int Waits { get; private set; }

        /// <summary>How many events or timer firings the history held (a "round" starts with each).</summary>
        public int LastRound => _round;

        public int RoundOf(int timerId) => _timerRounds.TryGetValue(timerId, out var round) ? round : -1;

        public Task CallActivityAsync(string name, object input)
        {
            var json = JsonSerializer.Serialize(input, input.GetType(), Json.Options);
            CheckSize($"The {name} input", json, MaxPayloadBytes);
            var id = _nextId++;
            Calls.Add($"activity {name} {json}");
            ActivitiesScheduled.Add((id, name, json));
            var result = new TaskCompletionSource();
            _activities.Add(id, result);
            return result.Task;
        }

        public Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken)
        {
            var id = _nextId++;
            Calls.Add($"timer {fireAt:O}");
            TimersCreated.Add((id, fireAt));
            _timerRounds[id] = _round;
            var timer = new TaskCompletionSource();
            _timers.Add(id, timer);
            cancellationToken.Register(() =>
            {
                if (timer.TrySetCanceled())
                {
                    TimersCancelled.Add(id);
                }
            });
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
                throw new OrchestrationRuleException("A second wait for the same event while one is outstanding: an event could go to the wrong one.");
            }

            Waits++;
            Calls.Add($"wait {eventName}");
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

        public void SetCustomStatus(object? status)
        {
            var json = JsonSerializer.Serialize(status, Json.Options);
            CheckSize("The custom status", json, MaxStatusBytes);
            Statuses.Add(json);
        }

        public override void Post(SendOrPostCallback d, object? state) => _work.Enqueue((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

        public void Play(Func<IOrderWorkflowContext, Task<OrderWorkflowStatus>> orchestrator)
        {
            var previous = Current;
            SetSynchronizationContext(this);
            try
            {
                foreach (var e in history)
                {
                    Apply(e, orchestrator);
                    Drain();
                    if (Run is { IsFaulted: true })
                    {
                        return;
                    }
                }

                if (Run is { IsCompletedSuccessfully: true } done)
                {
                    CheckSize("The output", JsonSerializer.Serialize(done.Result, Json.Options), MaxStatusBytes);
                }
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
        }

        private static async Task<T> Read<T>(Task<string> json) => JsonSerializer.Deserialize<T>(await json.ConfigureAwait(true), Json.Options)!;

        private void Apply(HistoryEvent e, Func<IOrderWorkflowContext, Task<OrderWorkflowStatus>> orchestrator)
        {
            switch (e)
            {
                case OrchestratorStarted started:
                    CurrentUtcDateTime = started.At;
                    Run ??= Invoke(orchestrator);
                    break;
                case ActivityCompleted completed:
                    if (!_activities.Remove(completed.TaskId, out var activity))
                    {
                        throw new NonDeterministicOrchestrationException($"The history completes task {completed.TaskId}, which this replay did not schedule as an activity.");
                    }

                    if (completed.Error is null)
                    {
                        activity.SetResult();
                    }
                    else
                    {
                        activity.SetException(new ActivityFailedException(completed.Error));
                    }

                    break;
                case TimerFired fired:
                    _round++;
                    if (!_timers.TryGetValue(fired.TaskId, out var timer))
                    {
                        throw new NonDeterministicOrchestrationException($"The history fires timer {fired.TaskId}, which this replay did not create.");
                    }

                    timer.TrySetResult(); // a cancelled timer that fires anyway is ignored, as in Durable
                    break;
                case EventRaised raised:
                    _round++;
                    if (_waiter is { } waiter)
                    {
                        _waiter = null;
                        waiter.SetResult(raised.Json);
                    }
                    else
                    {
                        _events.Enqueue(raised.Json);
                    }

                    break;
            }
        }

        private Task<OrderWorkflowStatus> Invoke(Func<IOrderWorkflowContext, Task<OrderWorkflowStatus>> orchestrator)
        {
            try
            {
                return orchestrator(this);
            }
            catch (Exception ex)
            {
                return Task.FromException<OrderWorkflowStatus>(ex);
            }
        }

        private void Drain()
        {
            while (_work.TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
    }
}
