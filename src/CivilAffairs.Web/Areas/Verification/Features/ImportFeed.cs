using System.Security.Cryptography;
using CivilAffairs.Verification.Feeds;
using CivilAffairs.Web.Areas.Verification.Domain;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Kernel.Jobs;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.Verification.Features;

/// <summary>
/// Receives a partner-department feed file: streamed to disk with its SHA-256 (re-importing the same file is refused),
/// a snapshot row in "validating", and a background job that reads, validates and stores it in compact form.
/// </summary>
public static class ImportFeed
{
    public const long MaxBytes = 4L * 1024 * 1024 * 1024;

    public static bool IsCsv(string name) => name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);
    public static bool IsXlsx(string name) => name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// An .xlsx feed (first sheet, header row first) rewritten as UTF-8 CSV, streamed row by row, so that the one
    /// parser validates both forms the same way. Dates stored as Excel dates become yyyy-MM-dd.
    /// </summary>
    public static void XlsxToCsv(string xlsxPath, string csvPath)
    {
        using var output = new StreamWriter(csvPath, false, new System.Text.UTF8Encoding(false), 1 << 20);
        using var input = File.OpenRead(xlsxPath);
        foreach (IDictionary<string, object?> row in MiniExcelLibs.MiniExcel.Query(input, useHeaderRow: false, excelType: MiniExcelLibs.ExcelType.XLSX))
        {
            var first = true;
            foreach (var value in row.Values)
            {
                if (!first) output.Write(',');
                first = false;
                var text = value switch
                {
                    null => "",
                    DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    double x => x.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
                    decimal m => m.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
                    var o => Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                };
                if (text.Contains(',') || text.Contains('"') || text.Contains('\n')) text = "\"" + text.Replace("\"", "\"\"") + "\"";
                output.Write(text);
            }
            output.Write('\n');
        }
    }

    public sealed class Handler(AppDbContext db, VerificationStorage storage, JobQueue jobs, CurrentUser user, TimeProvider clock, ManageSnapshots snapshots)
    {
        public async Task<FeedSnapshot> HandleAsync(string? feedName, DateOnly? asOf, Stream? content, string? fileName, CancellationToken ct = default)
        {
            var v = new Validator();
            FeedKind feed = default;
            if (string.IsNullOrWhiteSpace(feedName) || !Enum.TryParse(feedName, true, out feed) || !Enum.IsDefined(feed))
                v.Add("Feed", "请选择数据类型：" + string.Join("、", Enum.GetValues<FeedKind>()));
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            if (asOf is null) v.Add("AsOf", "请填写数据截止日期");
            else if (asOf > today) v.Add("AsOf", "数据截止日期不能晚于今天");
            else if (asOf < new DateOnly(2000, 1, 1)) v.Add("AsOf", "数据截止日期不正确");
            if (content is null || string.IsNullOrWhiteSpace(fileName)) v.Add("File", "请选择要上传的 CSV 文件");
            else if (!IsCsv(fileName) && !IsXlsx(fileName))
                v.Add("File", "只接受 CSV（.csv）或 Excel（.xlsx）文件");
            v.ThrowIfInvalid();

            var name = Path.GetFileName(fileName!);
            if (name.Length > 200) name = name[..200];
            var temp = Path.Combine(storage.Uploads, $"incoming-{Guid.NewGuid():N}.upload");
            string sha;
            long bytes;
            try
            {
                (sha, bytes) = await CopyWithHashAsync(content!, temp, ct);
                if (bytes == 0) throw new ValidationFailedException(new Dictionary<string, string[]> { ["File"] = ["文件是空的"] });
                await snapshots.ReconcileAsync(ct);
                var same = await db.Set<FeedSnapshot>().AsNoTracking()
                    .Where(s => s.SourceSha256 == sha && s.Status != SnapshotStatus.Rejected && s.Status != SnapshotStatus.Failed)
                    .Select(s => new { s.Id, s.ImportedAt }).FirstOrDefaultAsync(ct);
                if (same is not null)
                    throw new ValidationFailedException(new Dictionary<string, string[]>
                    {
                        ["File"] = [$"同一文件已于 {Kernel.Auditing.AuditExport.LocalTime(same.ImportedAt)} 导入（快照 #{same.Id}），不能重复导入"],
                    });

                var snapshot = new FeedSnapshot(feed, asOf!.Value, name, sha, bytes, user.UserName, clock.GetUtcNow().UtcDateTime);
                db.Add(snapshot);
                await jobs.EnqueueForAsync(FeedImportJob.JobKind, $"导入{FeedSchema.DisplayName(feed)}数据：{name}", async t =>
                {
                    try { await db.SaveChangesAsync(t); }
                    catch (DbUpdateException)
                    {
                        throw new ValidationFailedException(new Dictionary<string, string[]> { ["File"] = ["同一文件刚刚已被导入，不能重复导入"] });
                    }
                    // the file is in place before the job can see its snapshot
                    File.Move(temp, storage.UploadPath(snapshot.Id), overwrite: true);
                }, () => snapshot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), j => snapshot.JobId = j.Id, ct);
                return snapshot;
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }

        private static async Task<(string Sha, long Bytes)> CopyWithHashAsync(Stream source, string path, CancellationToken ct)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
            var buffer = new byte[1 << 20];
            long total = 0;
            int n;
            while ((n = await source.ReadAsync(buffer, ct)) > 0)
            {
                total += n;
                if (total > MaxBytes) throw new ValidationFailedException(new Dictionary<string, string[]> { ["File"] = ["文件超过 4 GB"] });
                hash.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
        }
    }
}

/// <summary>
/// Reads and validates an uploaded feed in the background (progress by bytes read; cancellable), writes its compact
/// sorted snapshot and a per-row error report, and leaves it "awaiting acceptance". A file that cannot be read at all
/// (wrong header, wrong columns) fails the snapshot with the reason; nothing half-read is ever active.
/// </summary>
public sealed class FeedImportJob(VerificationStorage storage, TimeProvider clock) : IJobHandler
{
    public const string JobKind = "verification-feed-import";
    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var db = context.Db;
        var id = int.Parse(context.Job.Argument ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var snapshot = await db.Set<FeedSnapshot>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new InvalidOperationException($"快照 #{id} 不存在");
        var upload = storage.UploadPath(id);
        try
        {
            if (!File.Exists(upload)) throw new DomainException("上传的文件已不存在，请重新上传");
            if (ImportFeed.IsXlsx(snapshot.SourceFileName))
            {
                var csv = upload + ".csv";
                try
                {
                    await Task.Run(() => ImportFeed.XlsxToCsv(upload, csv), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (File.Exists(csv)) File.Delete(csv);
                    throw new FeedFormatException("无法读取 Excel 文件，请确认是 .xlsx 格式（第一个工作表、第一行为表头）");
                }
                File.Move(csv, upload, overwrite: true);
            }
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            long read = 0;
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var parse = Task.Run(() => FeedParser.Parse(snapshot.Feed, upload, today, b => Interlocked.Exchange(ref read, b), cancel.Token), cancel.Token);
            while (!parse.IsCompleted)
            {
                await Task.WhenAny(parse, Task.Delay(500, ct));
                var total = Math.Max(1, snapshot.SourceBytes);
                try
                {
                    await context.ReportAsync((int)(Interlocked.Read(ref read) * 1000 / total), 1000, ct);
                }
                catch (OperationCanceledException)
                {
                    await cancel.CancelAsync();
                    throw;
                }
            }
            var parsed = await parse;
            var table = FeedTable.From(parsed, snapshot.AsOf);
            var fileName = $"{snapshot.Feed}-{snapshot.Id}.bin";
            var sha = await Task.Run(() => table.WriteTo(storage.SnapshotPath(fileName)), ct);
            snapshot.Validated(parsed.RowCount, parsed.Records.LongLength, parsed.ErrorCount, parsed.Encoding, fileName, sha);
            if (parsed.Errors.Count > 0)
                context.AttachOutput($"{FeedSchema.DisplayName(snapshot.Feed)}-快照{snapshot.Id}-错误行.xlsx", ExcelFile.ContentType,
                    ExcelFile.Write(parsed.Errors, ("行号", e => e.Line == 0 ? "" : e.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        ("身份证号码", e => PiiMask.IdNumber(e.IdNumber)), ("错误", e => e.Message)));
            context.Job.Summary = $"共 {parsed.RowCount:N0} 行：有效记录 {parsed.Records.LongLength:N0} 条，错误 {parsed.ErrorCount:N0} 行（已跳过{(parsed.ErrorCount > parsed.Errors.Count ? $"，错误报告列出前 {parsed.Errors.Count:N0} 行" : "")}）。请核对后在“核对数据”页面确认启用。";
            await db.SaveChangesAsync(ct);
        }
        catch (FeedFormatException e)
        {
            snapshot.Fail(e.Message);
            await db.SaveChangesAsync(CancellationToken.None);
            throw new DomainException(e.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or DomainException)
        {
            snapshot.Fail(e is OperationCanceledException ? "导入已取消" : e.Message);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            if (File.Exists(upload)) File.Delete(upload);
        }
    }
}
