using FlexMigrate.Orchestration.Contracts;
using Spectre.Console;

namespace FlexMigrate.Cli.Display;

/// <summary>
/// Progress redrawn in place on a terminal by Spectre's live display: it measures what it drew and moves the cursor
/// by exactly that, and the block never shrinks in the middle of a run, so no stale or torn lines remain. At the end
/// the block is cleared and its last state written once as ordinary output, without the room it kept for more tables.
/// </summary>
internal sealed class LiveProgressDisplay(IAnsiConsole console) : ProgressDisplay
{
    private readonly Lock _gate = new();
    private LiveDisplayContext? _live;
    private MigrationStatus? _last;

    public override async Task<T> ShowAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await console.Live(new Text(string.Empty))
                .AutoClear(true)
                .Overflow(VerticalOverflow.Ellipsis)
                .Cropping(VerticalOverflowCropping.Bottom)
                .StartAsync(async context =>
                {
                    Attach(context);
                    try
                    {
                        return await work();
                    }
                    finally
                    {
                        Attach(null);
                    }
                });
        }
        finally
        {
            if (_last is not null)
            {
                console.Write(new StatusRenderable(_last));
            }
        }
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

    private void Attach(LiveDisplayContext? context)
    {
        lock (_gate)
        {
            _live = context;
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
