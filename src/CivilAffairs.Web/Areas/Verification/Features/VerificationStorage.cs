using System.Collections.Concurrent;
using CivilAffairs.Verification.Feeds;
using CivilAffairs.Web.Areas.Verification.Domain;
using CivilAffairs.Web.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.Verification.Features;

/// <summary>
/// Where feed files live: uploads (kept only while they are validated) and the compact snapshot files
/// (Verification:DataDirectory, default data/verification under the content root). The database holds their metadata
/// and checksums; a snapshot file whose checksum does not match is refused.
/// </summary>
public sealed class VerificationStorage
{
    public VerificationStorage(IConfiguration config, IHostEnvironment env)
    {
        var dir = config["Verification:DataDirectory"];
        Root = string.IsNullOrWhiteSpace(dir) ? Path.Combine(env.ContentRootPath, "data", "verification") : Path.GetFullPath(dir, env.ContentRootPath);
        Directory.CreateDirectory(Uploads);
        Directory.CreateDirectory(Snapshots);
    }

    public string Root { get; }
    public string Uploads => Path.Combine(Root, "uploads");
    public string Snapshots => Path.Combine(Root, "snapshots");

    public string UploadPath(int snapshotId) => Path.Combine(Uploads, $"snapshot-{snapshotId}.upload");
    public string SnapshotPath(string fileName) => Path.Combine(Snapshots, Path.GetFileName(fileName));
}

/// <summary>
/// The active feed tables, read from their snapshot files once and kept in memory (a few hundred MB for a whole
/// district): a single verification is then a few binary searches. Reloaded when a snapshot is accepted.
/// </summary>
public sealed class ActiveFeeds(VerificationStorage storage)
{
    private readonly ConcurrentDictionary<int, FeedTable> _tables = new();
    private readonly SemaphoreSlim _loading = new(1, 1);

    public sealed record ActiveSet(FeedSet Feeds, IReadOnlyList<FeedSnapshot> Snapshots);

    public async Task<ActiveSet> GetAsync(AppDbContext db, CancellationToken ct = default)
    {
        var active = await db.Set<FeedSnapshot>().AsNoTracking().Where(s => s.Status == SnapshotStatus.Active).ToListAsync(ct);
        var tables = new List<FeedTable>(active.Count);
        foreach (var s in active) tables.Add(await TableAsync(s, ct));
        foreach (var stale in _tables.Keys.Where(id => active.All(a => a.Id != id)).ToList()) _tables.TryRemove(stale, out _);
        return new ActiveSet(new FeedSet(tables), active);
    }

    /// <summary>A snapshot's table (active or not: comparisons read superseded ones too), checksum-verified.</summary>
    public async Task<FeedTable> TableAsync(FeedSnapshot snapshot, CancellationToken ct = default)
    {
        if (_tables.TryGetValue(snapshot.Id, out var cached)) return cached;
        await _loading.WaitAsync(ct);
        try
        {
            if (_tables.TryGetValue(snapshot.Id, out cached)) return cached;
            if (snapshot.SnapshotFile is null) throw new DomainException($"快照 #{snapshot.Id} 尚无数据文件");
            var table = await Task.Run(() => FeedTable.ReadFrom(storage.SnapshotPath(snapshot.SnapshotFile), snapshot.SnapshotSha256), ct);
            if (snapshot.Status == SnapshotStatus.Active) _tables[snapshot.Id] = table;
            return table;
        }
        catch (InvalidDataException e)
        {
            throw new DomainException($"快照 #{snapshot.Id} 的数据文件无法使用：{e.Message}");
        }
        catch (FileNotFoundException)
        {
            throw new DomainException($"快照 #{snapshot.Id} 的数据文件不存在");
        }
        finally
        {
            _loading.Release();
        }
    }
}
