using CivilAffairs.Verification;
using CivilAffairs.Verification.Feeds;
using CivilAffairs.Web.Areas.Verification.Domain;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.Verification.Features;

public sealed record SnapshotView(int Id, string Feed, string FeedName, DateOnly AsOf, string SourceFileName, long SourceBytes, long RowCount,
    long RecordCount, long ErrorCount, string Status, string StatusName, string ImportedBy, DateTime ImportedAt, string? DecidedBy,
    DateTime? DecidedAt, string? Note, Guid? JobId, int Version);

public sealed record FeedOverview(string Feed, string FeedName, IReadOnlyList<string> Columns, SnapshotView? Active, int AwaitingAcceptance);

public sealed record SnapshotChange(string IdNumberMasked, string Change, long OldRecords, long NewRecords, long OldAmountFen, long NewAmountFen);

public sealed record SnapshotComparison(int OldId, int NewId, long Added, long Removed, long Changed, long Unchanged, IReadOnlyList<SnapshotChange> Sample);

/// <summary>Lists snapshots, accepts or rejects them, and compares two snapshots of a feed (who changed since last time).</summary>
public sealed class ManageSnapshots(AppDbContext db, ActiveFeeds active, CurrentUser user, TimeProvider clock)
{
    public static string StatusName(SnapshotStatus s) => s switch
    {
        SnapshotStatus.Validating => "校验中",
        SnapshotStatus.AwaitingAcceptance => "待确认",
        SnapshotStatus.Active => "使用中",
        SnapshotStatus.Superseded => "已被替换",
        SnapshotStatus.Rejected => "已退回",
        _ => "无法读取",
    };

    public static SnapshotView View(FeedSnapshot s) => new(s.Id, s.Feed.ToString(), FeedSchema.DisplayName(s.Feed), s.AsOf, s.SourceFileName, s.SourceBytes,
        s.RowCount, s.RecordCount, s.ErrorCount, s.Status.ToString(), StatusName(s.Status), s.ImportedByUserName, s.ImportedAt, s.DecidedByUserName,
        s.DecidedAt, s.Note, s.JobId, s.Version);

    /// <summary>
    /// A snapshot whose validation job ended without finishing it (the process stopped, the disk filled) is marked as
    /// failed, so that it does not stay "validating" for ever and the same file can be uploaded again.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        var stuck = await (from s in db.Set<FeedSnapshot>()
                           where s.Status == SnapshotStatus.Validating
                           join j in db.Jobs on s.JobId equals j.Id into jobs
                           from j in jobs.DefaultIfEmpty()
                           where j == null ? s.ImportedAt < cutoff
                               : j.Status == Kernel.Jobs.JobStatus.Failed || j.Status == Kernel.Jobs.JobStatus.Cancelled || j.Status == Kernel.Jobs.JobStatus.Succeeded
                           select s).ToListAsync(ct);
        foreach (var s in stuck) s.Fail("校验未完成（任务已中断），请重新上传");
        if (stuck.Count > 0) await db.SaveChangesAsync(ct);
    }

    public async Task<List<FeedOverview>> OverviewAsync(CancellationToken ct = default)
    {
        await ReconcileAsync(ct);
        var rows = await db.Set<FeedSnapshot>().AsNoTracking()
            .Where(s => s.Status == SnapshotStatus.Active || s.Status == SnapshotStatus.AwaitingAcceptance).ToListAsync(ct);
        return Enum.GetValues<FeedKind>().Select(f => new FeedOverview(f.ToString(), FeedSchema.DisplayName(f), FeedSchema.Columns(f),
            rows.Where(r => r.Feed == f && r.Status == SnapshotStatus.Active).Select(View).FirstOrDefault(),
            rows.Count(r => r.Feed == f && r.Status == SnapshotStatus.AwaitingAcceptance))).ToList();
    }

    public async Task<PagedResult<SnapshotView>> ListAsync(string? feed, string? status, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.Set<FeedSnapshot>().AsNoTracking();
        if (Enum.TryParse<FeedKind>(feed, true, out var f)) q = q.Where(s => s.Feed == f);
        if (Enum.TryParse<SnapshotStatus>(status, true, out var st)) q = q.Where(s => s.Status == st);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(s => s.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<SnapshotView>(items.Select(View).ToList(), total, p, size);
    }

    public async Task<SnapshotView> GetAsync(int id, CancellationToken ct = default) =>
        View(await db.Set<FeedSnapshot>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("快照不存在"));

    /// <summary>Makes a snapshot the feed's active data (the previous one is kept, superseded). Audited.</summary>
    public async Task<SnapshotView> AcceptAsync(int id, int version, CancellationToken ct = default)
    {
        var snapshot = await db.Set<FeedSnapshot>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("快照不存在");
        db.Entry(snapshot).Property(s => s.Version).OriginalValue = version;
        var previous = await db.Set<FeedSnapshot>().FirstOrDefaultAsync(s => s.Feed == snapshot.Feed && s.Status == SnapshotStatus.Active, ct);
        if (snapshot.Status != SnapshotStatus.AwaitingAcceptance) throw new DomainException("只有“待确认”的快照可以启用");
        await active.TableAsync(snapshot, ct); // refuse a snapshot whose file is missing or altered
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (previous is not null)
            {
                // the unique "one active per feed" index: retire the previous one first, in the same transaction
                previous.SupersedeBy(snapshot);
                await db.SaveChangesAsync(ct);
            }
            snapshot.Accept(user.UserName, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleEditException();
        }
        catch (DbUpdateException)
        {
            throw new DomainException("同一类数据只能有一个“使用中”的快照；请刷新后重试");
        }
        return View(snapshot);
    }

    public async Task<SnapshotView> RejectAsync(int id, string? note, int version, CancellationToken ct = default)
    {
        var snapshot = await db.Set<FeedSnapshot>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("快照不存在");
        var v = new Validator();
        var text = v.Text("Note", "退回原因", note, 500, required: true);
        v.ThrowIfInvalid();
        db.Entry(snapshot).Property(s => s.Version).OriginalValue = version;
        snapshot.Reject(user.UserName, clock.GetUtcNow().UtcDateTime, text);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new StaleEditException(); }
        return View(snapshot);
    }

    /// <summary>Who changed between two snapshots of the same feed: people added, removed, or with different records.</summary>
    public async Task<SnapshotComparison> CompareAsync(int oldId, int newId, int sample = 200, CancellationToken ct = default)
    {
        var older = await db.Set<FeedSnapshot>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == oldId, ct) ?? throw new NotFoundException("快照不存在");
        var newer = await db.Set<FeedSnapshot>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == newId, ct) ?? throw new NotFoundException("快照不存在");
        if (older.Feed != newer.Feed) throw new DomainException("只能比较同一类数据的两个快照", "with");
        var a = await active.TableAsync(older, ct);
        var b = await active.TableAsync(newer, ct);
        return await Task.Run(() => Compare(a, b, oldId, newId, sample), ct);
    }

    internal static SnapshotComparison Compare(FeedTable a, FeedTable b, int oldId, int newId, int sample)
    {
        long added = 0, removed = 0, changed = 0, unchanged = 0;
        var list = new List<SnapshotChange>();
        var ra = a.Records;
        var rb = b.Records;
        int i = 0, j = 0;
        while (i < ra.Length || j < rb.Length)
        {
            var ka = i < ra.Length ? ra[i].Key : ulong.MaxValue;
            var kb = j < rb.Length ? rb[j].Key : ulong.MaxValue;
            var key = Math.Min(ka, kb);
            var si = i; while (i < ra.Length && ra[i].Key == key) i++;
            var sj = j; while (j < rb.Length && rb[j].Key == key) j++;
            var oldCount = i - si;
            var newCount = j - sj;
            long oldSum = 0, newSum = 0;
            for (var x = si; x < i; x++) oldSum += ra[x].Amount;
            for (var x = sj; x < j; x++) newSum += rb[x].Amount;
            string? change = null;
            if (oldCount == 0) { added++; change = "新出现"; }
            else if (newCount == 0) { removed++; change = "不再出现"; }
            else if (!Same(ra.AsSpan(si, oldCount), rb.AsSpan(sj, newCount), a, b)) { changed++; change = "有变化"; }
            else unchanged++;
            if (change is not null && list.Count < sample)
                list.Add(new SnapshotChange(PiiMask.IdNumber(PersonKey.Unpack(key)), change, oldCount, newCount, oldSum, newSum));
        }
        return new SnapshotComparison(oldId, newId, added, removed, changed, unchanged, list);
    }

    private static bool Same(ReadOnlySpan<FeedRecord> x, ReadOnlySpan<FeedRecord> y, FeedTable a, FeedTable b)
    {
        if (x.Length != y.Length) return false;
        for (var k = 0; k < x.Length; k++)
        {
            if (x[k].Amount != y[k].Amount || x[k].Date != y[k].Date || (x[k].Info & 0xFF) != (y[k].Info & 0xFF)) return false;
            if (a.TextOf(x[k]) != b.TextOf(y[k])) return false;
        }
        return true;
    }
}
