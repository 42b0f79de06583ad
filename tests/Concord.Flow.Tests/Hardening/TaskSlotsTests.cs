using Concord.Flow.Jobs;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Flow.Tests.Hardening;

public class TaskSlotsTests
{
    [Fact]
    public async Task Takers_beyond_the_cap_wait_in_line_and_get_slots_in_their_order()
    {
        var slots = new TaskSlots(2);
        var first = await slots.TakeAsync(CancellationToken.None);
        var second = await slots.TakeAsync(CancellationToken.None);
        var third = slots.TakeAsync(CancellationToken.None);
        var fourth = slots.TakeAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);

        first.Dispose();
        Assert.True(third.IsCompletedSuccessfully);
        Assert.False(fourth.IsCompleted);
        first.Dispose(); // a second release of the same slot frees nothing more
        Assert.False(fourth.IsCompleted);

        second.Dispose();
        Assert.True(fourth.IsCompletedSuccessfully);
        Assert.Equal(2, slots.InUse);
    }

    [Fact]
    public async Task A_canceled_wait_leaves_the_line_without_taking_a_slot()
    {
        var slots = new TaskSlots(1);
        var held = await slots.TakeAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var canceled = slots.TakeAsync(cancel.Token);
        var next = slots.TakeAsync(CancellationToken.None);

        await cancel.CancelAsync();
        held.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(1, slots.InUse);
    }

    [Fact]
    public void Slots_in_use_never_exceed_the_cap_and_all_return()
    {
        Prop.ForAll(Gen.Choose(1, 4).ToArbitrary(), Gen.ListOf(Gen.Choose(0, 2)).ToArbitrary(), (capacity, steps) =>
        {
            // 0: take, 1: release the oldest held slot, 2: cancel the oldest wait.
            var slots = new TaskSlots(capacity);
            var pending = new List<(Task<IDisposable> Slot, CancellationTokenSource Cancel)>();
            foreach (var step in steps)
            {
                if (step == 0)
                {
                    var cancel = new CancellationTokenSource();
                    pending.Add((slots.TakeAsync(cancel.Token), cancel));
                }
                else if (step == 1 && pending.FirstOrDefault(p => p.Slot.IsCompletedSuccessfully) is { Slot: not null } granted)
                {
                    granted.Slot.Result.Dispose();
                    pending.Remove(granted);
                }
                else if (step == 2 && pending.FirstOrDefault(p => !p.Slot.IsCompleted) is { Slot: not null } waiting)
                {
                    waiting.Cancel.Cancel();
                    pending.Remove(waiting);
                }
                var granted2 = pending.Count(p => p.Slot.IsCompletedSuccessfully);
                var waits = pending.Count(p => !p.Slot.IsCompleted);
                if (granted2 != slots.InUse || granted2 > capacity || (waits > 0 && granted2 < capacity))
                {
                    return false;
                }
            }
            // Waits leave first, or a released slot would pass to one of them.
            pending.ForEach(p => p.Cancel.Cancel());
            pending.Where(p => p.Slot.IsCompletedSuccessfully).ToList().ForEach(p => p.Slot.Result.Dispose());
            return slots.InUse == 0;
        }).QuickCheckThrowOnFailure();
    }
}
