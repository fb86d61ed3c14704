using FlexMigrate.Orchestration.Contracts;
using Spectre.Console;

namespace FlexMigrate.Cli.Display;

/// <summary>
/// Progress redrawn in place on a terminal by Spectre's live display: it measures what it drew and moves the cursor
/// by exactly that, and the block never shrinks in the middle of a run, so no stale or torn lines remain.
/// </summary>
internal sealed class LiveProgressDisplay(IAnsiConsole console) : ProgressDisplay
{
    private readonly Lock _gate = new();
    private LiveDisplayContext? _live;
    private MigrationStatus? _last;

    public override async Task<T> ShowAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return await console.Live(new Text(string.Empty))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async context =>
            {
                lock (_gate)
                {
                    _live = context;
                }

                try
                {
                    return await work();
                }
                finally
                {
                    lock (_gate)
                    {
                        if (_last is not null)
                        {
                            context.UpdateTarget(new StatusRenderable(_last));
                        }

                        _live = null;
                    }
                }
            });
    }

    public override void Update(MigrationStatus status)
    {
        lock (_gate)
        {
            _last = status;
            _live?.UpdateTarget(new StatusRenderable(status));
            _live?.Refresh();
        }
    }

    public override void Notice(string text)
    {
        lock (_gate)
        {
            // Written through the same console, so the live display renders it above its block.
            console.Write(new Text(text + "\n"));
        }
    }
}
