using System.Diagnostics;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMigrate.IntegrationTests.Throttling;

/// <summary>
/// Wraps the real <see cref="CopyChunkActivity"/> and records when each call started, whether it copied or was deferred
/// by the throttle, and how many copies were in flight at most since <see cref="ResetMaxInFlight"/>.
/// </summary>
internal sealed class ChunkCallRecorder(TimeSpan hold)
{
    private readonly Lock _lock = new();
    private readonly List<(TimeSpan At, bool Copied)> _calls = [];
    private int _inFlight;

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>How long each copied chunk is held after it copied (slows the copy so tests can watch it).</summary>
    public TimeSpan Hold { get; } = hold;

    public int MaxInFlight { get; private set; }

    /// <summary>Calls that copied their chunk (not deferred), by the time they started.</summary>
    public IReadOnlyList<TimeSpan> CopiesStarted
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls.Where(c => c.Copied).Select(c => c.At)];
            }
        }
    }

    public void ResetMaxInFlight()
    {
        lock (_lock)
        {
            MaxInFlight = _inFlight;
        }
    }

    public Dictionary<string, Func<IServiceProvider, ITaskActivity>> Replacement() =>
        new() { [nameof(CopyChunkActivity)] = sp => new Recorded(this, (ITaskActivity)ActivatorUtilities.CreateInstance(sp, typeof(CopyChunkActivity))) };

    private sealed class Recorded(ChunkCallRecorder recorder, ITaskActivity inner) : ITaskActivity
    {
        public Type InputType => inner.InputType;

        public Type OutputType => inner.OutputType;

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            var at = recorder.Clock.Elapsed;
            lock (recorder._lock)
            {
                recorder.MaxInFlight = Math.Max(recorder.MaxInFlight, ++recorder._inFlight);
            }

            try
            {
                var result = (ChunkCopied?)await inner.RunAsync(context, input);
                if (result is { Deferred: false })
                {
                    await Task.Delay(recorder.Hold);
                }

                lock (recorder._lock)
                {
                    recorder._calls.Add((at, result is { Deferred: false }));
                }

                return result;
            }
            finally
            {
                lock (recorder._lock)
                {
                    recorder._inFlight--;
                }
            }
        }
    }
}
