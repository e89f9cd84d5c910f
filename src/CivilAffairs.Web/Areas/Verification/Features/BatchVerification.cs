using CivilAffairs.Verification;
using CivilAffairs.Verification.Engine;
using CivilAffairs.Verification.Feeds;
using CivilAffairs.Web.Areas.Verification.Domain;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Excel;
using CivilAffairs.Web.Kernel.Jobs;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Areas.Verification.Features;

public sealed record BatchView(int Id, string DivisionCode, string ScopeName, string Status, string StatusName, Guid? JobId, string CreatedBy, DateTime CreatedAt,
    DateTime? FinishedAt, int Households, int Meets, int DoesNotMeet, int NeedsReview, int Anomalies, int? PreviousBatchId, string? Error);

public sealed record AnomalyView(long Id, int BatchId, int HouseholdId, string DivisionCode, string Kind, string KindName, string Evidence, string Status,
    string StatusName, string? Note, string? DecidedBy, DateTime? DecidedAt, int Version);

/// <summary>
/// Batch verification (批量核对) of every household of a division in the caller's scope, as a background job, and the
/// anomaly list it produces (辅助分析). Only one batch per division runs at a time.
/// </summary>
public sealed class BatchVerification(AppDbContext db, DivisionDirectory divisions, DivisionScope scope, JobQueue jobs, CurrentUser user, TimeProvider clock)
{
    /// <summary>Batches the caller may see: inside their division, or over a division containing theirs.</summary>
    private IQueryable<VerificationBatch> Visible()
    {
        var prefix = scope.Prefix;
        if (prefix == "") return db.Set<VerificationBatch>();
        var own = user.DivisionCode ?? "";
        var ancestors = new List<string>();
        for (var c = DivisionCode.IsWellFormed(own) ? own : null; c is not null; c = DivisionCode.ParentOf(c)) ancestors.Add(c);
        return db.Set<VerificationBatch>().Where(b => b.DivisionCode.StartsWith(prefix) || ancestors.Contains(b.DivisionCode));
    }

    public static string StatusName(BatchStatus s) => s switch
    {
        BatchStatus.Queued => "排队中",
        BatchStatus.Running => "核对中",
        BatchStatus.Completed => "已完成",
        BatchStatus.Failed => "失败",
        _ => "已取消",
    };

    public static string KindName(AnomalyKind k) => k switch
    {
        AnomalyKind.Vehicle => "有机动车",
        AnomalyKind.Business => "有在业市场主体",
        AnomalyKind.MultipleHomes => "多套住房",
        AnomalyKind.CommercialProperty => "有商业/工业用房",
        AnomalyKind.IncomeAboveLimit => "收入超过标准",
        AnomalyKind.AssetsAboveLimit => "金融资产超过限额",
        AnomalyKind.DeceasedMember => "已死亡成员仍被计入",
        AnomalyKind.MemberInTwoHouseholds => "成员被计入两户",
        AnomalyKind.NotInRegistration => "户籍中查无此人",
        AnomalyKind.SuddenIncomeChange => "收入较上次核对变化大",
        _ => "成员已迁出",
    };

    public static string AnomalyStatusName(AnomalyStatus s) => s switch
    {
        AnomalyStatus.Open => "待核实",
        AnomalyStatus.Confirmed => "属实",
        _ => "已说明",
    };

    public static BatchView View(VerificationBatch b) => new(b.Id, b.DivisionCode, b.ScopeName, b.Status.ToString(), StatusName(b.Status), b.JobId,
        b.CreatedByUserName, b.CreatedAt, b.FinishedAt, b.Households, b.Meets, b.DoesNotMeet, b.NeedsReview, b.AnomalyCount, b.PreviousBatchId, b.Error);

    public static AnomalyView View(VerificationAnomaly a) => new(a.Id, a.BatchId, a.HouseholdId, a.DivisionCode, a.Kind.ToString(), KindName(a.Kind),
        a.Evidence, a.Status.ToString(), AnomalyStatusName(a.Status), a.Note, a.DecidedByUserName, a.DecidedAt, a.Version);

    /// <summary>A batch whose job ended without finishing it (the process stopped, the job was cancelled before it ran) stops blocking its division.</summary>
    public async Task ReconcileAsync(CancellationToken ct = default)
    {
        var stuck = await (from b in db.Set<VerificationBatch>()
                           where b.Status == BatchStatus.Queued || b.Status == BatchStatus.Running
                           join j in db.Jobs on b.JobId equals j.Id into js
                           from j in js.DefaultIfEmpty()
                           where j == null ? b.JobId != null : j.Status == Kernel.Jobs.JobStatus.Failed || j.Status == Kernel.Jobs.JobStatus.Cancelled || j.Status == Kernel.Jobs.JobStatus.Succeeded
                           select new { Batch = b, JobStatus = j == null ? (Kernel.Jobs.JobStatus?)null : j.Status }).ToListAsync(ct);
        foreach (var x in stuck)
            x.Batch.Stop(x.JobStatus == Kernel.Jobs.JobStatus.Cancelled ? BatchStatus.Cancelled : BatchStatus.Failed, "任务已中断，未完成", clock.GetUtcNow().UtcDateTime);
        if (stuck.Count > 0) await db.SaveChangesAsync(ct);
    }

    public async Task<BatchView> StartAsync(string? divisionCode, CancellationToken ct = default, bool recipientsOnly = false)
    {
        await ReconcileAsync(ct);
        var v = new Validator();
        var code = divisionCode?.Trim();
        var all = await divisions.AllAsync(ct);
        if (code is null || !all.TryGetValue(code, out var division) || !division.IsActive) v.Add("DivisionCode", "请选择要核对的区划（区、街道或社区）");
        else if (!scope.Contains(code)) v.Add("DivisionCode", $"{division.Name}不在您的管辖范围内");
        v.ThrowIfInvalid();
        if (await db.Set<VerificationBatch>().AnyAsync(b => b.DivisionCode == code && (b.Status == BatchStatus.Queued || b.Status == BatchStatus.Running), ct))
            throw new DomainException("该范围已有一个批量核对正在进行，请等待其完成", "DivisionCode");
        var batch = new VerificationBatch(code!, await divisions.PathOfAsync(code, ct) + (recipientsOnly ? " 在保低保、特困家庭" : " 全部家庭"), user.UserName,
            clock.GetUtcNow().UtcDateTime, recipientsOnly);
        db.Add(batch);
        await jobs.EnqueueForAsync(BatchVerificationJob.JobKind, $"批量核对：{batch.ScopeName}", async t =>
        {
            try { await db.SaveChangesAsync(t); }
            catch (DbUpdateException) { throw new DomainException("该范围已有一个批量核对正在进行，请等待其完成", "DivisionCode"); }
        }, () => batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), j => batch.JobId = j.Id, ct);
        return View(batch);
    }

    public async Task<List<BatchView>> ListAsync(CancellationToken ct = default)
    {
        await ReconcileAsync(ct);
        return (await Visible().AsNoTracking().OrderByDescending(b => b.Id).Take(100).ToListAsync(ct)).Select(View).ToList();
    }

    public async Task<BatchView> GetAsync(int id, CancellationToken ct = default) =>
        View(await Visible().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw new NotFoundException("批量核对不存在"));

    public async Task<PagedResult<AnomalyView>> AnomaliesAsync(int batchId, string? kind, string? status, int? page, int? pageSize, CancellationToken ct = default)
    {
        await GetAsync(batchId, ct);
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = Filter(batchId, kind, status);
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(a => a.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<AnomalyView>(items.Select(View).ToList(), total, p, size);
    }

    public async Task<byte[]> ExportAsync(int batchId, string? kind, string? status, CancellationToken ct = default)
    {
        await GetAsync(batchId, ct);
        var rows = await Filter(batchId, kind, status).OrderBy(a => a.Id).Take(200_000).ToListAsync(ct);
        return ExcelFile.Write(rows.Select(View), ("编号", a => a.Id), ("户编号", a => a.HouseholdId), ("社区代码", a => a.DivisionCode), ("疑点", a => a.KindName),
            ("证据", a => a.Evidence), ("核实结果", a => a.StatusName), ("说明", a => a.Note), ("核实人", a => a.DecidedBy),
            ("核实时间", a => a.DecidedAt is { } d ? Kernel.Auditing.AuditExport.LocalTime(d) : ""));
    }

    private IQueryable<VerificationAnomaly> Filter(int batchId, string? kind, string? status)
    {
        var q = db.Set<VerificationAnomaly>().AsNoTracking().Where(a => a.BatchId == batchId);
        if (Enum.TryParse<AnomalyKind>(kind, true, out var k)) q = q.Where(a => a.Kind == k);
        if (Enum.TryParse<AnomalyStatus>(status, true, out var s)) q = q.Where(a => a.Status == s);
        return q;
    }

    /// <summary>A caseworker marks a finding confirmed or explained, with a note (audited; a stale version loses).</summary>
    public async Task<AnomalyView> DecideAsync(long id, string? status, string? note, int version, CancellationToken ct = default)
    {
        var anomaly = await db.Set<VerificationAnomaly>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("疑点不存在");
        var v = new Validator();
        if (!Enum.TryParse<AnomalyStatus>(status, true, out var s) || s == AnomalyStatus.Open) v.Add("Status", "请选择核实结果：Confirmed（属实）或 Explained（已说明）");
        var text = v.Text("Note", "核实说明", note, 500, required: true);
        v.ThrowIfInvalid();
        db.Entry(anomaly).Property(a => a.Version).OriginalValue = version;
        anomaly.Decide(s, text!, user.UserName, clock.GetUtcNow().UtcDateTime);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new StaleEditException(); }
        return View(anomaly);
    }
}

/// <summary>
/// Runs a batch: every household of the division (read in one projection), verified together by the engine's merge
/// join against the active snapshots; anomalies written with their evidence; per-household results kept in a compact
/// file for the next batch's "sudden change" comparison.
/// </summary>
public sealed class BatchVerificationJob(VerificationStorage storage, ActiveFeeds active, RuleBookProvider rules, TimeProvider clock,
    SocialAssistance.Contracts.IAssistanceRecipients recipients) : IJobHandler
{
    public const string JobKind = "verification-batch";
    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken ct)
    {
        var db = context.Db;
        var id = int.Parse(context.Job.Argument ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var batch = await db.Set<VerificationBatch>().FirstAsync(b => b.Id == id, ct);
        try
        {
            batch.Start();
            await db.SaveChangesAsync(ct);
            var households = await new HouseholdRosterList(db).ListAsync(batch.DivisionCode, ct);
            if (batch.RecipientsOnly)
            {
                // the recipients of social assistance only (through that module's contract)
                var inForce = await recipients.HouseholdsInForceAsync(batch.DivisionCode, ct);
                households = households.Where(h => inForce.Contains(h.HouseholdId)).ToList();
            }
            await context.ReportAsync(1, 10, ct);
            var set = await active.GetAsync(db, ct);
            if (!set.Feeds.Tables.Any()) throw new DomainException("尚无启用的部门共享数据，无法核对");
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            VerifyHousehold.RulesInForce(rules.Rules, today);
            var input = households.Select(h => new HouseholdInput(h.HouseholdId, h.MemberIdNumbers.Select(i => PersonKey.Pack(i)).ToArray())).ToList();
            // A cancel request stops the engine run itself, not only the next progress point.
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var run = Task.Run(() => Verifier.VerifyAll(input, set.Feeds, rules.Rules, today, cancel.Token), cancel.Token);
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(500, ct));
                if (!run.IsCompleted && await context.CancelRequestedAsync(ct)) await cancel.CancelAsync();
            }
            var results = await run;
            await context.ReportAsync(5, 10, ct);

            var previous = await db.Set<VerificationBatch>().AsNoTracking()
                .Where(b => b.DivisionCode == batch.DivisionCode && b.Status == BatchStatus.Completed && b.Id != batch.Id)
                .OrderByDescending(b => b.Id).FirstOrDefaultAsync(ct);
            var previousIncome = previous?.ResultsFile is { } file ? ReadResults(storage.SnapshotPath(file)) : new Dictionary<int, long>();
            var previousMissing = previous is not null && previousIncome.Count == 0 && previous.Households > 0;
            var standard = VerifyHousehold.RulesInForce(rules.Rules, today);

            // who is counted in more than one household of this batch (named in that anomaly's evidence)
            var seen = new HashSet<ulong>();
            var shared = new HashSet<ulong>();
            foreach (var key in input.SelectMany(h => h.Members)) if (!seen.Add(key)) shared.Add(key);

            var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var anomalies = 0;
            var unsaved = 0;
            try
            {
                for (var i = 0; i < results.Length; i++)
                {
                    // writing many findings takes a while: a cancel request is honoured here too
                    if (i % 2000 == 1999 && await context.CancelRequestedAsync(ct)) throw new OperationCanceledException();
                    // a household with an item-level finding is looked up once more, for the items themselves (a few binary searches)
                    var detail = (results[i].Reasons & ItemReasons) != 0 ? Verifier.VerifyHousehold(input[i], set.Feeds, rules.Rules, today, shared) : null;
                    foreach (var (kind, evidence) in Findings(results[i], standard, previousIncome, detail))
                    {
                        db.Add(new VerificationAnomaly(batch.Id, households[i].HouseholdId, households[i].DivisionCode, kind, evidence));
                        anomalies++;
                        unsaved++;
                    }
                    // written in chunks: a household with several findings may step over any fixed multiple
                    if (unsaved >= 2000)
                    {
                        unsaved = 0;
                        db.ChangeTracker.DetectChanges();
                        await db.SaveChangesAsync(ct);
                        foreach (var e in db.ChangeTracker.Entries<VerificationAnomaly>().ToList()) e.State = EntityState.Detached;
                        await context.ReportAsync(5 + (int)(5L * i / results.Length), 10, ct);
                    }
                }
                db.ChangeTracker.DetectChanges();
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            }
            db.AddAudit(Kernel.Auditing.AuditAction.Operation, nameof(VerificationBatch), batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                batch.DivisionCode, $"批量核对 {batch.ScopeName}：{results.Length} 户，生成疑点 {anomalies} 条");
            var resultsFile = $"batch-{batch.Id}.results";
            WriteResults(storage.SnapshotPath(resultsFile), results);
            batch.Complete(results.Length, results.Count(r => r.Verdict == Verdict.Meets), results.Count(r => r.Verdict == Verdict.DoesNotMeet),
                results.Count(r => r.Verdict == Verdict.NeedsManualReview), anomalies, string.Join(",", set.Snapshots.Select(s => s.Id)), previous?.Id,
                resultsFile, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await context.ReportAsync(10, 10, ct);
            context.Job.Summary = $"核对 {results.Length:N0} 户：符合 {batch.Meets:N0}，不符合 {batch.DoesNotMeet:N0}，需人工核实 {batch.NeedsReview:N0}；疑点 {anomalies:N0} 条。"
                + (previousMissing ? $"上次批量核对（#{previous!.Id}）的结果文件缺失，本次未比较收入变化。" : "");
        }
        catch (Exception e)
        {
            db.ChangeTracker.Clear();
            var row = await db.Set<VerificationBatch>().FirstAsync(b => b.Id == id, CancellationToken.None);
            row.Stop(e is OperationCanceledException ? BatchStatus.Cancelled : BatchStatus.Failed, e is OperationCanceledException ? "已取消" : e.Message, clock.GetUtcNow().UtcDateTime);
            var removed = await db.Set<VerificationAnomaly>().Where(a => a.BatchId == id).ExecuteDeleteAsync(CancellationToken.None);
            if (removed > 0)
                db.AddAudit(Kernel.Auditing.AuditAction.Operation, nameof(VerificationBatch), id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    row.DivisionCode, $"批量核对未完成，撤下已生成的疑点 {removed} 条");
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }

    private const Reasons ItemReasons = Reasons.OrdinaryVehicle | Reasons.ActiveBusiness | Reasons.TooManyHomes | Reasons.CommercialProperty
        | Reasons.MemberDeceased | Reasons.MemberMovedOut | Reasons.MemberInAnotherHousehold | Reasons.MemberNotInRegistration;

    /// <summary>
    /// The anomalies of one household with their evidence, from its summary (and the previous batch's income). With the
    /// household's full report, the evidence names the items: each vehicle's plate, each business, each property, and
    /// the member (masked ID number) concerned.
    /// </summary>
    internal static IEnumerable<(AnomalyKind Kind, string Evidence)> Findings(HouseholdSummary s, CivilAffairs.Verification.Rules.VerificationRules rules,
        IReadOnlyDictionary<int, long> previousIncome, HouseholdReport? detail = null)
    {
        // the evidence items of a feed that count against the household, with whose they are
        string Items(FeedKind feed, Func<EvidenceItem, bool> which, Func<EvidenceItem, string> text)
        {
            if (detail is null) return "";
            var items = detail.Members.SelectMany(m => m.Items.Where(i => i.Feed == feed && which(i)).Select(i => $"{PiiMask.IdNumber(m.IdNumber)} {text(i)}")).ToList();
            return items.Count == 0 ? "" : "：" + string.Join("；", items);
        }
        string Members(Func<MemberReport, string?> flag)
        {
            if (detail is null) return "";
            var members = detail.Members.Select(m => (m, text: flag(m))).Where(x => x.text is not null).Select(x => $"{PiiMask.IdNumber(x.m.IdNumber)}{x.text}").ToList();
            return members.Count == 0 ? "" : "：" + string.Join("；", members);
        }
        static string Date(int d) => d == 0 ? "日期不详" : $"{d / 10000}-{d / 100 % 100:00}-{d % 100:00}";
        var r = s.Reasons;
        if (r.HasFlag(Reasons.OrdinaryVehicle))
            yield return (AnomalyKind.Vehicle, $"名下机动车 {s.OrdinaryVehicles} 辆（残疾人专用车除外）"
                + Items(FeedKind.Vehicles, i => i.Counted, i => $"{i.Description}（购置价 {Money.YuanText(i.Amount)}，{Date(i.Date)} 登记）"));
        if (r.HasFlag(Reasons.ActiveBusiness))
            yield return (AnomalyKind.Business, $"登记在业的市场主体 {s.ActiveBusinesses} 个"
                + Items(FeedKind.MarketEntities, i => i.Counted, i => $"{i.Description}（注册资本 {Money.YuanText(i.Amount)}，{Date(i.Date)} 登记）"));
        if (r.HasFlag(Reasons.TooManyHomes))
            yield return (AnomalyKind.MultipleHomes, $"住宅 {s.ResidentialProperties} 套，超过 {rules.MaxResidentialProperties} 套"
                + Items(FeedKind.RealEstate, i => i.Code == FeedCodes.Residential, i => i.Description));
        if (r.HasFlag(Reasons.CommercialProperty))
            yield return (AnomalyKind.CommercialProperty, $"商业/工业用房 {s.CommercialProperties} 处"
                + Items(FeedKind.RealEstate, i => i.Code is FeedCodes.Commercial or FeedCodes.Industrial, i => i.Description));
        if (r.HasFlag(Reasons.IncomeAboveStandard)) yield return (AnomalyKind.IncomeAboveLimit, $"人均月收入 {Money.YuanText(s.PerCapitaMonthlyIncomeFen)}，高于标准 {Money.YuanText(rules.MonthlyStandardFen)}");
        if (r.HasFlag(Reasons.FinancialAssetsAboveLimit)) yield return (AnomalyKind.AssetsAboveLimit, $"金融资产 {Money.YuanText(s.FinancialAssetsFen)}，超过限额 {Money.YuanText(s.FinancialAssetLimitFen)}");
        if (r.HasFlag(Reasons.MemberDeceased))
            yield return (AnomalyKind.DeceasedMember, "户籍数据显示有成员已死亡，但仍被计入家庭"
                + Members(m => m.Facts.RegistrationStatus == FeedCodes.Deceased ? $" 死亡日期 {Date(m.Facts.RegistrationDate)}" : null));
        if (r.HasFlag(Reasons.MemberMovedOut))
            yield return (AnomalyKind.MovedOutMember, "户籍数据显示有成员已迁出"
                + Members(m => m.Facts.RegistrationStatus == FeedCodes.MovedOut ? $" 迁出日期 {Date(m.Facts.RegistrationDate)}" : null));
        if (r.HasFlag(Reasons.MemberInAnotherHousehold))
            yield return (AnomalyKind.MemberInTwoHouseholds, "有成员同时被计入另一户" + Members(m => m.Facts.InAnotherHousehold ? "" : null));
        if (r.HasFlag(Reasons.MemberNotInRegistration))
            yield return (AnomalyKind.NotInRegistration, "有成员的身份证号码在户籍数据中查不到" + Members(m => m.Facts.RegistrationStatus == 0 ? "" : null));
        if (previousIncome.TryGetValue((int)s.HouseholdId, out var before))
        {
            var after = s.PerCapitaMonthlyIncomeFen;
            var baseline = Math.Max(before, 1);
            if (Math.Abs(after - before) > rules.SuddenIncomeChange * baseline && Math.Abs(after - before) >= 10_000)
                yield return (AnomalyKind.SuddenIncomeChange, $"人均月收入由上次核对的 {Money.YuanText(before)} 变为 {Money.YuanText(after)}");
        }
    }

    private static void WriteResults(string path, HouseholdSummary[] results)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write(results.Length);
        foreach (var r in results)
        {
            w.Write((int)r.HouseholdId);
            w.Write(r.PerCapitaMonthlyIncomeFen);
        }
    }

    private static Dictionary<int, long> ReadResults(string path)
    {
        var map = new Dictionary<int, long>();
        if (!File.Exists(path)) return map;
        using var r = new BinaryReader(File.OpenRead(path));
        var n = r.ReadInt32();
        for (var i = 0; i < n; i++) map[r.ReadInt32()] = r.ReadInt64();
        return map;
    }
}
