using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivilAffairs.Tests.Support;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Tests.Integration;

/// <summary>A dibao case through the electronic review over HTTP: application → intake → home visit and verification → street → notice → district → enrolment.</summary>
public abstract class SocialAssistanceTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    private static string LastMonths(string id, decimal yuan) => "id_number,month,income_type,amount\n" + string.Concat(Enumerable.Range(1, 12).Select(i =>
        $"{id},{DateTime.Today.AddDays(1 - DateTime.Today.Day).AddMonths(-i):yyyy-MM},wage,{yuan:0.00}\n"));

    /// <summary>A household of two in 大码头, verified (the head earns 600 a month: 300 per person), with its authorisation.</summary>
    private async Task<(int HouseholdId, string HeadId, int Authorization, int[] PersonIds)> VerifiedHouseholdAsync(HttpClient caseworker, decimal headMonthlyWage = 600)
    {
        var household = await RegistryApiTests.CreateHouseholdAsync(caseworker, 2);
        var householdId = household.GetProperty("id").GetInt32();
        var ids = await App.QueryAsync(db => db.Persons.Where(p => p.HouseholdId == householdId).OrderBy(p => p.RelationshipToHead).Select(p => p.IdNumber).ToListAsync());
        var staff = await App.ApiAsAsync("district.staff");
        await App.AcceptFeedAsync(staff, "Tax", LastMonths(ids[0], headMonthlyWage));
        await App.AcceptFeedAsync(staff, "HouseholdRegistration", $"id_number,name,status,event_date\n{ids[0]},户主甲,normal,\n{ids[1]},成员1,normal,\n");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(householdId.ToString()), "householdId" }, { new StringContent("AtCounter"), "kind" },
            { new StringContent(DateTime.Today.ToString("yyyy-MM-dd")), "givenOn" },
        };
        var authorization = (await (await caseworker.PostAsync("/api/v1/verification/authorizations", form)).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetInt32();
        await (await caseworker.PostAsJsonAsync("/api/v1/verification/requests", new { householdId, authorizationId = authorization })).JsonAsync(HttpStatusCode.Created);
        var personIds = household.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("personId").GetInt32()).ToArray();
        return (householdId, ids[0], authorization, personIds);
    }

    private static async Task<JsonElement> Act(HttpClient client, int id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/{action}", body)).JsonAsync(expected);

    private static int Version(JsonElement application) => application.GetProperty("version").GetInt32();

    [SkippableFact]
    public async Task A_dibao_case_goes_from_application_to_enrolment_and_nobody_is_enrolled_twice()
    {
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var (householdId, headId, authorization, personIds) = await VerifiedHouseholdAsync(caseworker);
        // the household holds a hardship recognition: it ends when the household is enrolled in dibao
        var recognitionId = await App.QueryAsync(async db =>
        {
            var people = await db.Persons.Where(p => personIds.Contains(p.Id)).ToListAsync();
            var r = new AssistanceCase(Programme.Hardship, AreaKind.Urban, householdId, TestData.Damatou, -householdId, 0, DateTime.Today.Year * 100 + DateTime.Today.Month,
                "户主甲", null, null, DateOnly.FromDateTime(DateTime.Today).AddMonths(12), people.Select(p => new CaseMember(p.Id, p.IdNumber, p.Name)).ToList(), DateTime.UtcNow);
            r.Recognised(12, "认定");
            db.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });

        // Bad input first: nothing is saved.
        var before = await App.QueryAsync(db => db.Set<AssistanceApplication>().CountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ApiAsAsync("cw.tianfang")).PostAsJsonAsync("/api/v1/social-assistance/applications",
            new { programme = "Dibao", area = "Urban", householdId, reason = "越权录入" })).StatusCode);
        await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new { programme = "Housing", area = "Urban", householdId, reason = "困难" }))
            .ProblemAsync("Programme", "请选择救助项目");
        await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new { programme = "Dibao", area = "Urban", householdId, reason = "困难", bankAccount = "12ab" }))
            .ProblemAsync("BankAccount", "12–30 位数字");
        Assert.Equal(before, await App.QueryAsync(db => db.Set<AssistanceApplication>().CountAsync()));

        var created = await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            programme = "Dibao", area = "Urban", householdId, reason = "户主失业，配偶无劳动能力", payeeName = "户主甲", bankName = "工商银行",
            bankAccount = "6222 0200 0000 0001", authorizationId = authorization,
        })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("Submitted", created.GetProperty("status").GetString());
        Assert.Equal("6222********0001", created.GetProperty("bankAccountMasked").GetString());
        Assert.Contains("accept", created.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        // Another community cannot see it; a caseworker cannot take the street's decision.
        var outsider = await App.ApiAsAsync("cw.tianfang");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/social-assistance/applications/{id}")).StatusCode);

        var a = await Act(caseworker, id, "accept", new { version = Version(created) });
        Assert.Equal("Investigating", a.GetProperty("status").GetString());
        Assert.True(a.GetProperty("investigationDue").GetString()!.Length == 10);
        await (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/visits",
            new { version = Version(a), visitedOn = DateTime.Today.ToString("yyyy-MM-dd"), investigators = "李四", findings = "无固定收入" })).ProblemAsync("Investigators", "至少两名");
        a = await Act(caseworker, id, "visits", new { version = Version(a), visitedOn = DateTime.Today.ToString("yyyy-MM-dd"), investigators = "李四、王五", findings = "家中无劳动力", neighbourVisits = "邻居证实" });
        // after the visit, the worklist shows the deadline for finishing, not the one for starting the investigation
        var waiting = await (await caseworker.GetAsync("/api/v1/social-assistance/applications?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("办结", waiting.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == id).GetProperty("dueWhat").GetString());
        await (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/submit", new { version = Version(a), opinion = "建议纳入" }))
            .ProblemAsync("VerificationReportId", "核对报告");
        a = await Act(caseworker, id, "verification", new { version = Version(a) });
        Assert.Equal(30_000, a.GetProperty("verifiedPerCapitaIncomeFen").GetInt64());
        a = await Act(caseworker, id, "submit", new { version = Version(a), opinion = "情况属实，建议纳入" });
        Assert.Equal("StreetReview", a.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/street-review",
            new { version = Version(a), decision = "Approve", opinion = "同意" })).StatusCode);

        // The street: a notice shorter than 7 days is refused (and nothing changes); two reviewers cannot both decide.
        var street = await App.ApiAsAsync("street.huahu");
        // a reviewer of another street does not even see it
        var otherStreet = await App.ApiAsAsync("street.shenjiaying");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/street-review",
            new { version = Version(a), decision = "Approve", opinion = "同意" })).StatusCode);
        await (await street.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/street-review", new { version = Version(a), decision = "Approve", opinion = "同意", noticeDays = 5 }))
            .ProblemAsync("NoticeDays", "不得少于 7 天");
        var secondReviewer = await App.ApiAsAsync("street.huahu");
        var reviewed = await Act(street, id, "street-review", new { version = Version(a), decision = "Approve", opinion = "同意，予以公示" });
        var loser = await secondReviewer.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/street-review", new { version = Version(a), decision = "Reject", opinion = "不同意" });
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        Assert.Equal("PublicNotice", reviewed.GetProperty("status").GetString());

        // On the public portal: masked name and ID, never the full number.
        var anonymous = App.CreateClient();
        var notices = await (await anonymous.GetAsync("/api/v1/public/notices")).JsonAsync(HttpStatusCode.OK);
        var notice = notices.EnumerateArray().Single(n => n.GetProperty("applicationId").GetInt32() == id);
        Assert.Equal("户*甲", notice.GetProperty("applicantNameMasked").GetString());
        Assert.Equal(headId[..3] + new string('*', 13) + headId[^2..], notice.GetProperty("idNumberMasked").GetString());
        Assert.Equal(2, notice.GetProperty("householdSize").GetInt32());
        Assert.DoesNotContain(headId, notices.ToString());
        var board = await anonymous.GetStringAsync("/notices");
        Assert.Contains("户*甲", board);
        Assert.DoesNotContain(headId, board);

        // Not before the notice has run its course.
        await (await street.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/close-notice", new { version = Version(reviewed) })).ProblemAsync("NoticeEnd", "期满后");
        using (App.Later(TimeSpan.FromDays(8)))
        {
            street = await App.ApiAsAsync("street.huahu");
            var closed = await Act(street, id, "close-notice", new { version = Version(reviewed) });
            Assert.Equal("Approval", closed.GetProperty("status").GetString());
            Assert.Equal("District", closed.GetProperty("approvalLevel").GetString());
            Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/approve", new { version = Version(closed), opinion = "同意" })).StatusCode);

            var approver = await App.ApiAsAsync("district.approver");
            var preview = await (await approver.GetAsync($"/api/v1/social-assistance/applications/{id}/amount")).JsonAsync(HttpStatusCode.OK);
            var births = await App.QueryAsync(db => db.Persons.Where(p => p.HouseholdId == householdId).Select(p => p.BirthDate).ToListAsync());
            var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
            var increments = births.Sum(b => CivilAffairs.Web.Kernel.Registry.CitizenId.AgeOn(b, today) is var age && (age >= 70 || age < 18) ? 5_000L : 0L);
            Assert.Equal((78_000 - 30_000) * 2 + increments, preview.GetProperty("monthlyFen").GetInt64());
            await (await approver.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/approve", new { version = Version(closed), opinion = " " }))
                .ProblemAsync("Opinion", "审批意见");
            var enrolled = await Act(approver, id, "approve", new { version = Version(closed), opinion = "同意纳入最低生活保障" });
            Assert.Equal("Enrolled", enrolled.GetProperty("status").GetString());
            Assert.Equal(preview.GetProperty("monthlyFen").GetInt64(), enrolled.GetProperty("monthlyAmountFen").GetInt64());
            var next = today.AddDays(1 - today.Day).AddMonths(1);
            Assert.Equal(next.Year * 100 + next.Month, enrolled.GetProperty("startMonth").GetInt32());
            var caseId = enrolled.GetProperty("caseId").GetInt32();
            var saved = await App.QueryAsync(db => db.Set<AssistanceCase>().Include(c => c.Members).FirstAsync(c => c.Id == caseId));
            Assert.Equal(2, saved.Members.Count);
            Assert.Equal(CaseStatus.Active, saved.Status);
            Assert.Equal("6222020000000001", saved.BankAccount);
            var recognition = await App.QueryAsync(db => db.Set<AssistanceCase>().FirstAsync(c => c.Id == recognitionId));
            Assert.Equal(CaseStatus.Terminated, recognition.Status);
            Assert.Contains("已纳入最低生活保障", recognition.StatusReason);

            // The timeline names every step, who took it and the opinion; the decision is in the audit trail.
            var actions = enrolled.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("action").GetString()).ToList();
            Assert.Equal(["Submitted", "Accepted", "HomeVisitRecorded", "VerificationAttached", "SubmittedToStreet", "StreetApproved", "NoticeClosed", "Approved"], actions);
            Assert.Contains(enrolled.GetProperty("timeline").EnumerateArray(), s => s.GetProperty("userName").GetString() == "district.approver"
                && s.GetProperty("opinion").GetString()!.Contains("同意纳入"));
            var audited = await App.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(AssistanceApplication) && e.EntityId == id.ToString()).Select(e => e.Changes).ToListAsync());
            Assert.Contains(audited, c => c != null && c.Contains("同意纳入最低生活保障"));

            // The first roster: the street generates the month's roster in the background; the household is on it.
            const string huahu = "420202070000";
            var month = enrolled.GetProperty("startMonth").GetInt32();
            var caseworkerLater = await App.ApiAsAsync("cw.damatou"); // tokens from before the clock moved have expired
            await (await caseworkerLater.PostAsJsonAsync("/api/v1/social-assistance/rosters", new { streetCode = huahu, month })).JsonAsync(HttpStatusCode.Forbidden);
            var roster = await (await street.PostAsJsonAsync("/api/v1/social-assistance/rosters", new { streetCode = huahu, month })).JsonAsync(HttpStatusCode.Accepted);
            await (await street.PostAsJsonAsync("/api/v1/social-assistance/rosters", new { streetCode = huahu, month })).ProblemAsync("Month", "不能重复生成");
            await App.RunJobsAsync();
            var rosterId = roster.GetProperty("id").GetInt32();
            roster = await (await street.GetAsync($"/api/v1/social-assistance/rosters/{rosterId}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("Draft", roster.GetProperty("status").GetString());
            var lines = await (await street.GetAsync($"/api/v1/social-assistance/rosters/{rosterId}/lines?community={TestData.Damatou}&pageSize=200")).JsonAsync(HttpStatusCode.OK);
            var line = lines.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("caseId").GetInt32() == caseId);
            Assert.Equal(enrolled.GetProperty("monthlyAmountFen").GetInt64(), line.GetProperty("amountFen").GetInt64());
            Assert.Equal("6222********0001", line.GetProperty("bankAccountMasked").GetString());

            // Adjustments: a deduction may not take the month below zero; a back payment needs its reason.
            var version = roster.GetProperty("version").GetInt32();
            await (await street.PostAsJsonAsync($"/api/v1/social-assistance/rosters/{rosterId}/adjustments",
                new { version, caseId, kind = "Deduction", amountFen = line.GetProperty("amountFen").GetInt64() + 1, reason = "多发追回" })).ProblemAsync("AmountFen", "不能为负数");
            await (await street.PostAsJsonAsync($"/api/v1/social-assistance/rosters/{rosterId}/adjustments",
                new { version, caseId, kind = "BackPay", amountFen = 10_000 })).ProblemAsync("Reason", "调整原因");
            roster = await (await street.PostAsJsonAsync($"/api/v1/social-assistance/rosters/{rosterId}/adjustments",
                new { version, caseId, kind = "BackPay", amountFen = 10_000, reason = "上月漏发补发" })).JsonAsync(HttpStatusCode.OK);
            // the bank file waits for the lock; the street reviews, the district locks
            await (await street.GetAsync($"/api/v1/social-assistance/rosters/{rosterId}/bank-file")).ProblemAsync("Status", "锁定后");
            roster = await (await street.PostAsJsonAsync($"/api/v1/social-assistance/rosters/{rosterId}/review", new { version = roster.GetProperty("version").GetInt32() })).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsJsonAsync($"/api/v1/social-assistance/rosters/{rosterId}/lock", new { version = roster.GetProperty("version").GetInt32() })).StatusCode);
            var districtStaff = await App.ApiAsAsync("district.staff");
            roster = await (await districtStaff.PostAsJsonAsync($"/api/v1/social-assistance/rosters/{rosterId}/lock", new { version = roster.GetProperty("version").GetInt32() })).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("Locked", roster.GetProperty("status").GetString());
            await (await street.PostAsJsonAsync($"/api/v1/social-assistance/rosters/{rosterId}/adjustments",
                new { version = roster.GetProperty("version").GetInt32(), caseId, kind = "BackPay", amountFen = 100, reason = "再补" })).ProblemAsync("Status", "不能再调整");
            // another street reaches none of it: not the roster, its lines, its export or the bank file with full accounts
            otherStreet = await App.ApiAsAsync("street.shenjiaying"); // a new token: the clock has moved
            foreach (var url in new[] { "", "/lines", "/export", "/bank-file" })
                Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"/api/v1/social-assistance/rosters/{rosterId}{url}")).StatusCode);
            await (await otherStreet.PostAsJsonAsync("/api/v1/social-assistance/rosters", new { streetCode = huahu, month })).ProblemAsync("StreetCode", "管辖范围");
            Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.PostAsJsonAsync($"/api/v1/social-assistance/cases/{caseId}/review",
                new { version = 0, reason = "越权复核", newMonthlyAmountFen = 1 })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.PostAsJsonAsync($"/api/v1/social-assistance/cases/{caseId}/terminate", new { version = 0, reason = "越权" })).StatusCode);
            var bank = await street.GetAsync($"/api/v1/social-assistance/rosters/{rosterId}/bank-file");
            var bankText = await bank.Content.ReadAsStringAsync();
            var total = (enrolled.GetProperty("monthlyAmountFen").GetInt64() + 10_000) / 100m;
            Assert.Contains($"6222020000000001,户主甲,{total:0.00},工商银行,", bankText);
            Assert.StartsWith("账号,户名,金额", bankText.TrimStart('\uFEFF'));
            var bankXlsx = await street.GetAsync($"/api/v1/social-assistance/rosters/{rosterId}/bank-file?format=xlsx");
            Assert.Equal(CivilAffairs.Web.Kernel.Excel.ExcelFile.ContentType, bankXlsx.Content.Headers.ContentType?.MediaType);
            using (var xlsx = new MemoryStream(await bankXlsx.Content.ReadAsByteArrayAsync()))
            {
                var rows = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
                Assert.Contains(rows, r => Convert.ToString(r["账号"], System.Globalization.CultureInfo.InvariantCulture) == "6222020000000001"
                    && (string)r["户名"] == "户主甲" && Convert.ToDecimal(r["金额（元）"], System.Globalization.CultureInfo.InvariantCulture) == total);
            }

            // Published per community: masked name, household size, amount — for anybody.
            var published = await (await anonymous.GetAsync($"/api/v1/public/recipients?community={TestData.Damatou}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(month, published.GetProperty("month").GetInt32());
            Assert.Contains(published.GetProperty("lines").EnumerateArray(), l => l.GetProperty("nameMasked").GetString() == "户*甲" && l.GetProperty("persons").GetInt32() == 2
                && l.GetProperty("amountFen").GetInt64() == enrolled.GetProperty("monthlyAmountFen").GetInt64() + 10_000);
            Assert.DoesNotContain("6222020000000001", published.ToString());

            // and the pages: the roster for the street, the published list for anybody
            var streetPages = App.CreateClient(new() { AllowAutoRedirect = false });
            await streetPages.SignInPageAsync("street.huahu", AppFactory.DemoPassword);
            var rosterPage = await streetPages.GetStringAsync($"/SocialAssistance/Rosters/{rosterId}");
            Assert.Contains("已锁定", rosterPage);
            Assert.Contains("上月漏发补发", rosterPage);
            Assert.Contains("银行代发文件", rosterPage);
            Assert.Contains($"href=\"/SocialAssistance/Rosters/{rosterId}\"", await streetPages.GetStringAsync("/SocialAssistance/Rosters"));
            var publicList = await anonymous.GetStringAsync($"/notices/recipients?community={TestData.Damatou}");
            Assert.Contains("户*甲", publicList);
            Assert.DoesNotContain("户主甲", publicList);
        }

        // The pages: the case page with its timeline, the worklist, the A4 approval form, the form for a new application.
        var browser = App.CreateClient(new() { AllowAutoRedirect = false });
        await browser.SignInPageAsync("cw.damatou", AppFactory.DemoPassword);
        var page = await browser.GetStringAsync($"/SocialAssistance/Applications/{id}");
        Assert.Contains("已纳入", page);
        Assert.Contains("同意纳入最低生活保障", page);
        Assert.Contains("街道审核通过", page);
        Assert.Contains(created.GetProperty("number").GetString()!, await browser.GetStringAsync("/SocialAssistance/Applications?all=true"));
        var form = await browser.GetStringAsync($"/SocialAssistance/Applications/{id}/Form");
        Assert.Contains("审批表", form);
        Assert.Contains("同意，予以公示", form);
        Assert.Contains("提交申请", await browser.GetStringAsync($"/SocialAssistance/Applications/New?householdId={householdId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/SocialAssistance/Applications/999999")).StatusCode);

        // Nobody twice: the same household cannot apply again for the programme it is enrolled in.
        await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new { programme = "Dibao", area = "Urban", householdId, reason = "再次申请", authorizationId = authorization }))
            .ProblemAsync("Members", "已在最低生活保障保障中");
        await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new { programme = "Destitute", area = "Urban", householdId, reason = "申请特困", authorizationId = authorization }))
            .ProblemAsync("Members", "已在另一个救助案件中");
    }

    [SkippableFact]
    public async Task Wrong_steps_are_refused_and_a_member_in_an_open_application_cannot_apply_again()
    {
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var (householdId, _, authorization, personIds) = await VerifiedHouseholdAsync(caseworker);
        var created = await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            programme = "Dibao", area = "Urban", householdId, reason = "困难", payeeName = "户主甲", bankAccount = "622202000000000123", authorizationId = authorization,
            members = new object[] { new { personId = personIds[0], counted = true }, new { personId = personIds[1], counted = false } },
        })).ProblemAsync("Members", "须写明原因");
        created = await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            programme = "Dibao", area = "Urban", householdId, reason = "困难", payeeName = "户主甲", bankAccount = "622202000000000123", authorizationId = authorization,
            members = new object[] { new { personId = personIds[0], counted = true }, new { personId = personIds[1], counted = false, notCountedReason = "服刑" } },
        })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Contains(created.GetProperty("members").EnumerateArray(), m => !m.GetProperty("counted").GetBoolean() && m.GetProperty("notCountedReason").GetString() == "服刑");

        // a step out of order
        await (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/submit", new { version = Version(created), opinion = "建议" }))
            .ProblemAsync("Status", "待受理");
        // a second application while this one is open
        await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new { programme = "Dibao", area = "Urban", householdId, reason = "重复", authorizationId = authorization }))
            .ProblemAsync("Members", "已有办理中的申请");
        // a stale version
        var accepted = await Act(caseworker, id, "accept", new { version = Version(created) });
        Assert.Equal(HttpStatusCode.Conflict, (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/withdraw", new { version = Version(created), opinion = "撤回" })).StatusCode);
        var withdrawn = await Act(caseworker, id, "withdraw", new { version = Version(accepted), opinion = "申请人撤回" });
        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Empty(withdrawn.GetProperty("allowedActions").EnumerateArray());
    }

    [SkippableFact]
    public async Task Cases_are_reviewed_suspended_exited_gradually_and_terminated_and_a_death_asks_for_a_recheck()
    {
        var (caseId, _, people) = await App.EnrolAsync(2);
        var street = await App.ApiAsAsync("street.huahu");
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var c = await (await street.GetAsync($"/api/v1/social-assistance/cases/{caseId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Active", c.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ApiAsAsync("cw.yaguang")).GetAsync($"/api/v1/social-assistance/cases/{caseId}")).StatusCode);

        // a member dies (registry): the case asks for a re-check within 3 months of the death
        var died = DateOnly.FromDateTime(DateTime.Today).AddDays(-10);
        await App.QueryAsync(async db =>
        {
            var person = await db.Persons.FirstAsync(p => p.Id == people[1].Id);
            person.SetStatus(CivilAffairs.Web.Kernel.Registry.PersonStatus.Deceased, died, DateOnly.FromDateTime(DateTime.Today));
            return await db.SaveChangesAsync();
        });
        var attention = await (await street.GetAsync("/api/v1/social-assistance/cases?attention=true&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        var flagged = attention.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == caseId);
        Assert.Equal(died.AddMonths(3).ToString("yyyy-MM-dd"), flagged.GetProperty("recheckDue").GetString());
        Assert.Contains("死亡", flagged.GetProperty("attention").GetString());

        // the review: the amount changes for one person; the next review is in 12 months (6 where someone could work)
        c = await Act2(street, caseId, "review", new { version = c.GetProperty("version").GetInt32(), reason = "成员死亡，复核后按一人计算", newMonthlyAmountFen = 40_000L });
        Assert.Equal(40_000, c.GetProperty("monthlyAmountFen").GetInt64());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("recheckDue").ValueKind); // the review dealt with the death
        Assert.Equal(DateOnly.FromDateTime(DateTime.Today).AddMonths(12).ToString("yyyy-MM-dd"), c.GetProperty("nextReviewDue").GetString());

        // a caseworker records reviews but cannot change the amount
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/cases/{caseId}/review",
            new { version = c.GetProperty("version").GetInt32(), reason = "复核", newMonthlyAmountFen = 90_000L })).StatusCode);

        // suspension and gradual exit are the street's decisions; a caseworker cannot take them
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/cases/{caseId}/suspend",
            new { version = c.GetProperty("version").GetInt32(), reason = "核查" })).StatusCode);
        c = await Act2(street, caseId, "suspend", new { version = c.GetProperty("version").GetInt32(), reason = "待核查收入" });
        Assert.Equal("Suspended", c.GetProperty("status").GetString());
        await (await street.PostAsJsonAsync($"/api/v1/social-assistance/cases/{caseId}/gradual-exit", new { version = c.GetProperty("version").GetInt32(), reason = "就业", months = 3 }))
            .ProblemAsync("Status", "暂停");
        c = await Act2(street, caseId, "resume", new { version = c.GetProperty("version").GetInt32(), reason = "核查无误" });
        await (await street.PostAsJsonAsync($"/api/v1/social-assistance/cases/{caseId}/gradual-exit", new { version = c.GetProperty("version").GetInt32(), reason = "就业", months = 7 }))
            .ProblemAsync("Months", "1 至 6 个月");
        c = await Act2(street, caseId, "gradual-exit", new { version = c.GetProperty("version").GetInt32(), reason = "户主就业", months = 3 });
        var next = DateOnly.FromDateTime(DateTime.Today).AddDays(1 - DateTime.Today.Day).AddMonths(3);
        Assert.Equal(next.Year * 100 + next.Month, c.GetProperty("endMonth").GetInt32());
        await (await street.PostAsJsonAsync($"/api/v1/social-assistance/cases/{caseId}/terminate", new { version = c.GetProperty("version").GetInt32(), reason = " " }))
            .ProblemAsync("Reason", "终止原因");
        c = await Act2(street, caseId, "terminate", new { version = c.GetProperty("version").GetInt32(), reason = "家庭收入超过标准" });
        Assert.Equal("Terminated", c.GetProperty("status").GetString());
        // this month is the last one paid: a roster of this month still pays it (a street with no other roster this month)
        var thisMonth = DateTime.Today.Year * 100 + DateTime.Today.Month;
        var roster = await (await street.PostAsJsonAsync("/api/v1/social-assistance/rosters", new { streetCode = "420202070000", month = thisMonth })).JsonAsync(HttpStatusCode.Accepted);
        await App.RunJobsAsync();
        var lines = await (await street.GetAsync($"/api/v1/social-assistance/rosters/{roster.GetProperty("id").GetInt32()}/lines?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(lines.GetProperty("items").EnumerateArray(), l => l.GetProperty("caseId").GetInt32() == caseId && l.GetProperty("amountFen").GetInt64() == 40_000);
        Assert.Equal(["定期复核", "暂停发放", "恢复发放", "进入渐退期", "终止保障"], c.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToList());
        var audited = await App.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(AssistanceCase) && e.EntityId == caseId.ToString()));
        Assert.True(audited >= 5, $"audited: {audited}");
        var pages = App.CreateClient(new() { AllowAutoRedirect = false });
        await pages.SignInPageAsync("street.huahu", AppFactory.DemoPassword);
        var casePage = await pages.GetStringAsync($"/SocialAssistance/Cases/{caseId}");
        Assert.Contains("家庭收入超过标准", casePage);
        Assert.Contains("已终止", casePage);
        Assert.Contains($"/SocialAssistance/Cases/{caseId}", await pages.GetStringAsync("/SocialAssistance/Cases?status=Terminated"));
    }

    [SkippableFact]
    public async Task A_person_enrolled_in_one_community_cannot_be_enrolled_again_from_another()
    {
        var (_, _, people) = await App.EnrolAsync(1);
        // the person moves to a household of another community (and so out of the first caseworker's sight)
        var street = await App.ApiAsAsync("street.huahu");
        var target = await RegistryApiTests.CreateHouseholdAsync(street, 1, TestData.Tianfang);
        var targetId = target.GetProperty("id").GetInt32();
        await (await street.PostAsJsonAsync($"/api/v1/persons/{people[0].Id}/move", new { targetHouseholdId = targetId, relationship = "Parent", reason = "随子女居住" }))
            .JsonAsync(HttpStatusCode.OK);
        var other = await App.ApiAsAsync("cw.tianfang");
        await (await other.PostAsJsonAsync("/api/v1/social-assistance/applications", new { programme = "Dibao", area = "Urban", householdId = targetId, reason = "困难" }))
            .ProblemAsync("Members", "已在最低生活保障保障中");
    }

    [SkippableFact]
    public async Task A_resident_applies_online_the_community_receives_it_and_the_resident_follows_its_status()
    {
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var household = await RegistryApiTests.CreateHouseholdAsync(caseworker, 2);
        var householdId = household.GetProperty("id").GetInt32();
        var headId = await App.QueryAsync(db => db.Persons.Where(p => p.HouseholdId == householdId && p.RelationshipToHead == CivilAffairs.Web.Kernel.Registry.Relationship.Head)
            .Select(p => p.IdNumber).FirstAsync());
        var anonymous = App.CreateClient();
        var before = await App.QueryAsync(db => db.Set<OnlineRequest>().IgnoreQueryFilters().CountAsync());
        await (await anonymous.PostAsJsonAsync("/api/v1/public/applications", new { programme = "Dibao", communityCode = TestData.Damatou, name = "户主甲", idNumber = "110105194912310021", phone = "13800001111", reason = "困难" }))
            .ProblemAsync("IdNumber", "校验");
        await (await anonymous.PostAsJsonAsync("/api/v1/public/applications", new { programme = "Dibao", communityCode = TestData.Damatou, name = "户主甲", idNumber = headId, phone = "123", reason = "困难" }))
            .ProblemAsync("Phone", "有效的手机号码");
        await (await anonymous.PostAsJsonAsync("/api/v1/public/applications", new { programme = "Dibao", communityCode = "420202070000", name = "户主甲", idNumber = headId, phone = "13800001111", reason = "困难" }))
            .ProblemAsync("CommunityCode", "居住的社区");
        Assert.Equal(before, await App.QueryAsync(db => db.Set<OnlineRequest>().IgnoreQueryFilters().CountAsync()));

        var receipt = await (await anonymous.PostAsJsonAsync("/api/v1/public/applications",
            new { programme = "Dibao", communityCode = TestData.Damatou, name = "户主甲", idNumber = headId, phone = "13800001111", reason = "失业，无收入" })).JsonAsync(HttpStatusCode.Created);
        var number = receipt.GetProperty("number").GetString()!;
        await (await anonymous.PostAsJsonAsync("/api/v1/public/applications",
            new { programme = "Dibao", communityCode = TestData.Damatou, name = "户主甲", idNumber = headId, phone = "13800001111", reason = "再次" })).ProblemAsync("IdNumber", "待社区受理");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/public/applications/{number}?last6=000000")).StatusCode);
        var status = await (await anonymous.GetAsync($"/api/v1/public/applications/{number}?last6={headId[^6..]}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("待社区受理", status.GetProperty("statusName").GetString());
        Assert.DoesNotContain(headId, status.ToString());

        // the community sees it (another does not) and receives it as an application of the household
        var pending = await (await caseworker.GetAsync("/api/v1/social-assistance/online-requests")).JsonAsync(HttpStatusCode.OK);
        var request = pending.EnumerateArray().Single(r => r.GetProperty("number").GetString() == number);
        Assert.Equal(householdId, request.GetProperty("householdId").GetInt32());
        Assert.DoesNotContain(number, (await (await App.ApiAsAsync("cw.tianfang")).GetStringAsync("/api/v1/social-assistance/online-requests")));
        var created = await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            programme = "Dibao", area = "Urban", householdId, reason = "失业，无收入", payeeName = "户主甲", bankAccount = "622202000000000777",
            onlineRequestId = request.GetProperty("id").GetInt32(),
        })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("Online", created.GetProperty("channel").GetString());
        status = await (await anonymous.GetAsync($"/api/v1/public/applications/{number}?last6={headId[^6..]}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("已受理", status.GetProperty("statusName").GetString());
        Assert.Equal("待受理", status.GetProperty("applicationStatusName").GetString());
        var applyPage = await anonymous.GetStringAsync($"/apply?no={number}&last6={headId[^6..]}");
        Assert.Contains("已受理", applyPage);
        Assert.DoesNotContain(headId, applyPage);

        // a request can be declined, with the reason the resident sees
        var other = await RegistryApiTests.CreateHouseholdAsync(caseworker, 1);
        var otherId = await App.QueryAsync(db => db.Persons.Where(p => p.HouseholdId == other.GetProperty("id").GetInt32()).Select(p => p.IdNumber).FirstAsync());
        var second = await (await anonymous.PostAsJsonAsync("/api/v1/public/applications",
            new { programme = "Destitute", communityCode = TestData.Damatou, name = "户主甲", idNumber = otherId, phone = "0714-1234567", reason = "年老无依" })).JsonAsync(HttpStatusCode.Created);
        var secondRequest = (await (await caseworker.GetAsync("/api/v1/social-assistance/online-requests")).JsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Single(r => r.GetProperty("number").GetString() == second.GetProperty("number").GetString());
        await (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/online-requests/{secondRequest.GetProperty("id").GetInt32()}/decline", new { version = secondRequest.GetProperty("version").GetInt32(), opinion = "" }))
            .ProblemAsync("Reason", "未受理的原因");
        await (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/online-requests/{secondRequest.GetProperty("id").GetInt32()}/decline",
            new { version = secondRequest.GetProperty("version").GetInt32(), opinion = "有子女赡养，不属于特困人员" })).JsonAsync(HttpStatusCode.OK);
        var declined = await (await anonymous.GetAsync($"/api/v1/public/applications/{second.GetProperty("number").GetString()}?last6={otherId[^6..]}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("有子女赡养，不属于特困人员", declined.GetProperty("declineReason").GetString());
    }

    [SkippableFact]
    public async Task A_refusal_is_notified_in_writing_within_three_working_days()
    {
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var (householdId, _, authorization, _) = await VerifiedHouseholdAsync(caseworker);
        var a = await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            programme = "Dibao", area = "Urban", householdId, reason = "困难", payeeName = "户主甲", bankAccount = "622202000000000555", authorizationId = authorization,
        })).JsonAsync(HttpStatusCode.Created);
        var id = a.GetProperty("id").GetInt32();
        a = await Act(caseworker, id, "accept", new { version = Version(a) });
        a = await Act(caseworker, id, "visits", new { version = Version(a), visitedOn = DateTime.Today.ToString("yyyy-MM-dd"), investigators = "李四、王五", findings = "有机动车" });
        a = await Act(caseworker, id, "verification", new { version = Version(a) });
        a = await Act(caseworker, id, "submit", new { version = Version(a), opinion = "有机动车，建议不予纳入" });
        var street = await App.ApiAsAsync("street.huahu");
        a = await Act(street, id, "street-review", new { version = Version(a), decision = "Reject", opinion = "名下有机动车，不符合条件" });
        Assert.Equal("Refused", a.GetProperty("status").GetString());
        var due = await App.QueryAsync(async db => await db.Set<AssistanceApplication>().Where(x => x.Id == id).Select(x => x.RefusalNoticeDue).FirstAsync());
        Assert.True(due > DateOnly.FromDateTime(DateTime.Today));
        // the community has it in "waiting for me" until the written notice is delivered
        var waiting = await (await caseworker.GetAsync("/api/v1/social-assistance/applications?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("书面告知申请人", waiting.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == id).GetProperty("dueWhat").GetString());
        await (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/refusal-notified", new { version = Version(a), deliveredOn = DateTime.Today.AddDays(1).ToString("yyyy-MM-dd") }))
            .ProblemAsync("DeliveredOn", "晚于今天");
        a = await Act(caseworker, id, "refusal-notified", new { version = Version(a), how = "当面送达" });
        Assert.Equal("RefusalNotified", a.GetProperty("timeline").EnumerateArray().Last().GetProperty("action").GetString());
        await (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/refusal-notified", new { version = Version(a), how = "再次送达" }))
            .ProblemAsync("Status", "不能进行此操作");
        waiting = await (await caseworker.GetAsync("/api/v1/social-assistance/applications?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(waiting.GetProperty("items").EnumerateArray(), x => x.GetProperty("id").GetInt32() == id);
    }

    [SkippableFact]
    public async Task Emergency_temporary_assistance_is_granted_at_once_paid_once_and_stacks_on_dibao()
    {
        // a household already on dibao: temporary assistance stacks on it
        var (caseId, householdId, people) = await App.EnrolAsync(1);
        var caseworker = await App.ApiAsAsync("cw.damatou");
        await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new { programme = "Temporary", area = "Urban", householdId, reason = "火灾" }))
            .ProblemAsync("TemporaryKind", "临时救助类型");
        await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            programme = "Temporary", temporaryKind = "Emergency", requestedAmountFen = 5_000_000_000L, area = "Urban", householdId, reason = "火灾",
        })).ProblemAsync("RequestedAmountFen", "金额过大");
        var a = await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            programme = "Temporary", temporaryKind = "Emergency", requestedAmountFen = 80_000L, area = "Urban", householdId, reason = "住房失火，急需生活费",
            payeeName = "户主甲", bankAccount = "622202000000000888",
        })).JsonAsync(HttpStatusCode.Created);
        var id = a.GetProperty("id").GetInt32();
        Assert.Contains("grant-emergency", (await (await App.ApiAsAsync("street.huahu")).GetFromJsonAsync<JsonElement>($"/api/v1/social-assistance/applications/{id}"))
            .GetProperty("allowedActions").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/grant-emergency",
            new { version = Version(a), amountFen = 80_000L, opinion = "先行" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ApiAsAsync("street.shenjiaying")).PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/grant-emergency",
            new { version = Version(a), amountFen = 80_000L, opinion = "越权" })).StatusCode);
        var street = await App.ApiAsAsync("street.huahu");
        await (await street.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/grant-emergency", new { version = Version(a), amountFen = 150_000L, opinion = "先行救助" }))
            .ProblemAsync("AmountFen", "上限");
        a = await Act(street, id, "grant-emergency", new { version = Version(a), amountFen = 80_000L, opinion = "情况紧急，先行救助" });
        Assert.Equal("Enrolled", a.GetProperty("status").GetString());
        var temporaryCase = await App.QueryAsync(db => db.Set<AssistanceCase>().FirstAsync(c => c.Id == a.GetProperty("caseId").GetInt32()));
        Assert.Equal(temporaryCase.StartMonth, temporaryCase.EndMonth);
        Assert.True(temporaryCase.IsPayableIn(temporaryCase.StartMonth));
        Assert.False(temporaryCase.IsPayableIn(temporaryCase.StartMonth + 1));
        // the dibao case is untouched; the paperwork follows the grant
        Assert.Equal(CaseStatus.Active, await App.QueryAsync(db => db.Set<AssistanceCase>().Where(c => c.Id == caseId).Select(c => c.Status).FirstAsync()));
        var waiting = await (await caseworker.GetAsync("/api/v1/social-assistance/applications?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("补齐入户调查和材料", waiting.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == id).GetProperty("dueWhat").GetString());
        await (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/complete-paperwork", new { version = Version(a), opinion = "已补齐" }))
            .ProblemAsync("Visits", "入户调查");
        a = await Act(caseworker, id, "visits", new { version = Version(a), visitedOn = DateTime.Today.ToString("yyyy-MM-dd"), investigators = "李四、王五", findings = "房屋过火" });
        // the materials follow the grant too
        using (var upload = new MultipartFormDataContent { { new StringContent(Version(a).ToString()), "version" }, { new StringContent("火灾证明"), "kind" } })
        {
            upload.Add(new ByteArrayContent("%PDF-1.4 fire report"u8.ToArray()), "file", "fire.pdf");
            a = await (await caseworker.PostAsync($"/api/v1/social-assistance/applications/{id}/documents", upload)).JsonAsync(HttpStatusCode.OK);
        }
        Assert.Single(a.GetProperty("documents").EnumerateArray());
        a = await Act(caseworker, id, "complete-paperwork", new { version = Version(a), opinion = "已补齐入户调查和材料" });
        Assert.Equal("PaperworkCompleted", a.GetProperty("timeline").EnumerateArray().Last().GetProperty("action").GetString());
        Assert.Single(people);
    }

    [SkippableFact]
    public async Task Expenditure_based_hardship_is_recognised_through_the_full_procedure_and_never_paid()
    {
        // two people, the head earns 3,000 a month: 1,500 per person — above the marginal line (1,170), below the local average (3,000)
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var (householdId, _, authorization, _) = await VerifiedHouseholdAsync(caseworker, 3000);
        await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new { programme = "Hardship", area = "Urban", householdId, reason = "重病", authorizationId = authorization }))
            .ProblemAsync("RigidSpendingMonthlyFen", "刚性支出");
        var a = await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            // 2,000 a month = 24,000 a year, more than half of the household's 36,000
            programme = "Hardship", area = "Urban", householdId, reason = "配偶尿毒症透析，自付医疗费高", rigidSpendingMonthlyFen = 200_000L, authorizationId = authorization,
        })).JsonAsync(HttpStatusCode.Created);
        var id = a.GetProperty("id").GetInt32();
        // one at a time: a second application while this one is open is refused
        await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            programme = "Hardship", area = "Urban", householdId, reason = "再次", rigidSpendingMonthlyFen = 200_000L, authorizationId = authorization,
        })).ProblemAsync("Members", "已有办理中的申请");
        a = await Act(caseworker, id, "accept", new { version = Version(a) });
        a = await Act(caseworker, id, "visits", new { version = Version(a), visitedOn = DateTime.Today.ToString("yyyy-MM-dd"), investigators = "李四、王五", findings = "医疗票据属实" });
        a = await Act(caseworker, id, "verification", new { version = Version(a) });
        Assert.Equal(150_000, a.GetProperty("verifiedPerCapitaIncomeFen").GetInt64());
        a = await Act(caseworker, id, "submit", new { version = Version(a), opinion = "建议认定" });
        var street = await App.ApiAsAsync("street.huahu");
        a = await Act(street, id, "street-review", new { version = Version(a), decision = "Approve", opinion = "同意，予以公示" });
        using (App.Later(TimeSpan.FromDays(8)))
        {
            street = await App.ApiAsAsync("street.huahu");
            a = await Act(street, id, "close-notice", new { version = Version(a) });
            var approver = await App.ApiAsAsync("district.approver");
            var preview = await (await approver.GetAsync($"/api/v1/social-assistance/applications/{id}/amount")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(0, preview.GetProperty("monthlyFen").GetInt64());
            a = await Act(approver, id, "approve", new { version = Version(a), opinion = "同意认定为刚性支出困难家庭" });
            Assert.Equal("Enrolled", a.GetProperty("status").GetString());
            var caseId = a.GetProperty("caseId").GetInt32();
            var recognised = await App.QueryAsync(db => db.Set<AssistanceCase>().FirstAsync(c => c.Id == caseId));
            Assert.Equal(Programme.Hardship, recognised.Programme);
            var end = new DateOnly(recognised.StartMonth / 100, recognised.StartMonth % 100, 1).AddMonths(11);
            Assert.Equal(end.Year * 100 + end.Month, recognised.EndMonth);
            Assert.False(recognised.IsPayableIn(recognised.StartMonth));

            // while it is valid a second recognition is refused; dibao may still be applied for
            caseworker = await App.ApiAsAsync("cw.damatou");
            await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
            {
                programme = "Hardship", area = "Urban", householdId, reason = "再次", rigidSpendingMonthlyFen = 200_000L, authorizationId = authorization,
            })).ProblemAsync("Members", "刚性支出困难家庭认定");
            await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
            {
                programme = "Dibao", area = "Urban", householdId, reason = "收入下降", payeeName = "户主甲", bankAccount = "622202000000000777", authorizationId = authorization,
            })).JsonAsync(HttpStatusCode.Created);
        }

        // never on a roster: a month within the recognition that no other test generates (rosters go at most one month ahead)
        using (App.Later(TimeSpan.FromDays(100)))
        {
            street = await App.ApiAsAsync("street.huahu");
            var recognised = await App.QueryAsync(db => db.Set<AssistanceCase>().FirstAsync(c => c.ApplicationId == id));
            var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
            var next = today.AddDays(1 - today.Day).AddMonths(1);
            var month = next.Year * 100 + next.Month;
            Assert.True(month > recognised.StartMonth && month <= recognised.EndMonth);
            var roster = await (await street.PostAsJsonAsync("/api/v1/social-assistance/rosters", new { streetCode = "420202070000", month })).JsonAsync(HttpStatusCode.Accepted);
            await App.RunJobsAsync();
            Assert.False(await App.QueryAsync(db => db.Set<RosterLine>().AnyAsync(l => l.RosterId == roster.GetProperty("id").GetInt32() && l.CaseId == recognised.Id)));
            // nor can money reach it by an adjustment; nothing about payment applies to it
            roster = await (await street.GetAsync($"/api/v1/social-assistance/rosters/{roster.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.OK);
            await (await street.PostAsJsonAsync($"/api/v1/social-assistance/rosters/{roster.GetProperty("id").GetInt32()}/adjustments",
                new { version = roster.GetProperty("version").GetInt32(), caseId = recognised.Id, kind = "BackPay", amountFen = 10_000, reason = "补发" })).ProblemAsync("CaseId", "不能补发");
            var caseView = await (await street.GetAsync($"/api/v1/social-assistance/cases/{recognised.Id}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("认定有效", caseView.GetProperty("statusName").GetString());
            await (await street.PostAsJsonAsync($"/api/v1/social-assistance/cases/{recognised.Id}/suspend", new { version = caseView.GetProperty("version").GetInt32(), reason = "外出" }))
                .ProblemAsync("Status", "不能暂停");
            await (await street.PostAsJsonAsync($"/api/v1/social-assistance/cases/{recognised.Id}/review",
                new { version = caseView.GetProperty("version").GetInt32(), reason = "复核", newMonthlyAmountFen = 10_000 })).ProblemAsync("MonthlyAmountFen", "不能设定金额");
            // the case page shows the validity, not an amount
            var browser = App.CreateClient(new() { AllowAutoRedirect = false });
            await browser.SignInPageAsync("cw.damatou", AppFactory.DemoPassword);
            var page = await browser.GetStringAsync($"/SocialAssistance/Cases/{recognised.Id}");
            Assert.Contains("认定有效期", page);
            Assert.DoesNotContain("收款账户", page);
        }
    }

    [SkippableFact]
    public async Task A_household_on_dibao_cannot_be_recognised_for_expenditure_based_hardship()
    {
        var (_, householdId, _) = await App.EnrolAsync(1);
        var caseworker = await App.ApiAsAsync("cw.damatou");
        await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            programme = "Hardship", area = "Urban", householdId, reason = "医疗支出", rigidSpendingMonthlyFen = 200_000L,
        })).ProblemAsync("Members", "已在另一个救助案件中（最低生活保障");
    }

    [SkippableFact]
    public async Task A_special_case_gets_45_working_days_and_documents_are_checked_kept_and_read_only_in_scope()
    {
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var (householdId, _, authorization, _) = await VerifiedHouseholdAsync(caseworker);
        var a = await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            programme = "Dibao", area = "Urban", householdId, reason = "重病致贫，情况复杂", specialCase = true, payeeName = "户主甲",
            bankAccount = "622202000000000321", authorizationId = authorization,
        })).JsonAsync(HttpStatusCode.Created);
        var id = a.GetProperty("id").GetInt32();
        a = await Act(caseworker, id, "accept", new { version = Version(a) });
        var today = DateTime.Today.ToString("yyyy-MM-dd");
        var due45 = (await (await caseworker.GetAsync($"/api/v1/calendar/working-days?from={today}&days=45")).JsonAsync(HttpStatusCode.OK)).GetProperty("due").GetString();
        Assert.Equal(due45, a.GetProperty("procedureDue").GetString());

        // documents: a real PDF is kept and read back; a renamed text file, an empty upload and a missing name are refused
        static MultipartFormDataContent Upload(int version, string? kind, byte[] content, string name)
        {
            var form = new MultipartFormDataContent { { new StringContent(version.ToString()), "version" } };
            if (kind is not null) form.Add(new StringContent(kind), "kind");
            form.Add(new ByteArrayContent(content), "file", name);
            return form;
        }
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
        var url = $"/api/v1/social-assistance/applications/{id}/documents";
        await (await caseworker.PostAsync(url, Upload(Version(a), "身份证", "not a pdf"u8.ToArray(), "id.pdf"))).ProblemAsync("File", "不是有效的 PDF、JPG 或 PNG");
        await (await caseworker.PostAsync(url, Upload(Version(a), "身份证", [], "id.pdf"))).ProblemAsync("File", "请选择要上传的文件");
        await (await caseworker.PostAsync(url, Upload(Version(a), null, pdf, "id.pdf"))).ProblemAsync("Kind", "材料名称");
        a = await (await caseworker.PostAsync(url, Upload(Version(a), "诊断证明", pdf, "诊断证明.pdf"))).JsonAsync(HttpStatusCode.OK);
        var document = a.GetProperty("documents").EnumerateArray().Single();
        var documentId = document.GetProperty("id").GetInt32();
        var back = await caseworker.GetAsync($"{url}/{documentId}");
        Assert.Equal("application/pdf", back.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await back.Content.ReadAsByteArrayAsync());
        // another community reads nothing of it
        var outsider = await App.ApiAsAsync("cw.tianfang");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{url}/{documentId}")).StatusCode);
        // a stale version is refused
        Assert.Equal(HttpStatusCode.Conflict, (await caseworker.PostAsync(url, Upload(Version(a) - 1, "户口簿", pdf, "hkb.pdf"))).StatusCode);
    }

    [SkippableFact]
    public async Task A_destitute_case_needs_the_self_care_assessment_and_an_objection_is_handled_before_the_notice_closes()
    {
        // one person of 75 living alone, 600 a month of income: 特困 (no ability to work, income below the standard)
        var caseworker = await App.ApiAsAsync("cw.damatou");
        var id75 = TestData.NewIdBorn(DateOnly.FromDateTime(DateTime.Today).AddYears(-75).AddDays(-20));
        var household = await (await caseworker.PostJsonAsync("/api/v1/households", new
        {
            divisionCode = TestData.Damatou, address = "湖滨路 3 号",
            members = new object[] { new { relationship = "Head", person = new { idNumber = id75, name = "孤老丙", gender = "男", divisionCode = TestData.Damatou, phone = "13800138000", ethnicity = "汉族" } } },
        })).JsonAsync(HttpStatusCode.Created);
        var householdId = household.GetProperty("id").GetInt32();
        var staff = await App.ApiAsAsync("district.staff");
        await App.AcceptFeedAsync(staff, "Tax", LastMonths(id75, 600));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(householdId.ToString()), "householdId" }, { new StringContent("AtCounter"), "kind" },
            { new StringContent(DateTime.Today.ToString("yyyy-MM-dd")), "givenOn" },
        };
        var authorization = (await (await caseworker.PostAsync("/api/v1/verification/authorizations", form)).JsonAsync(HttpStatusCode.OK)).GetProperty("id").GetInt32();
        await (await caseworker.PostAsJsonAsync("/api/v1/verification/requests", new { householdId, authorizationId = authorization })).JsonAsync(HttpStatusCode.Created);

        var a = await (await caseworker.PostAsJsonAsync("/api/v1/social-assistance/applications", new
        {
            programme = "Destitute", area = "Urban", householdId, reason = "无劳动能力、无生活来源、无法定赡养人", payeeName = "孤老丙",
            bankAccount = "622202000000000975", authorizationId = authorization,
        })).JsonAsync(HttpStatusCode.Created);
        var id = a.GetProperty("id").GetInt32();
        a = await Act(caseworker, id, "accept", new { version = Version(a) });
        a = await Act(caseworker, id, "visits", new { version = Version(a), visitedOn = DateTime.Today.ToString("yyyy-MM-dd"), investigators = "李四、王五", findings = "独居，无子女" });
        a = await Act(caseworker, id, "verification", new { version = Version(a) });
        await (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/submit", new { version = Version(a), opinion = "建议纳入" }))
            .ProblemAsync("SelfCare", "生活自理能力评估");
        // can eat, dress and walk indoors; cannot transfer, use the toilet or bathe alone
        a = await Act(caseworker, id, "self-care", new { version = Version(a), eat = true, dress = true, transfer = false, toilet = false, walkIndoors = true, bathe = false });
        Assert.Equal("生活部分不能自理", a.GetProperty("selfCareLevel").GetString());
        a = await Act(caseworker, id, "submit", new { version = Version(a), opinion = "符合特困供养条件" });
        var street = await App.ApiAsAsync("street.huahu");
        a = await Act(street, id, "street-review", new { version = Version(a), decision = "Approve", opinion = "同意，予以公示" });

        // an objection during the notice: the notice cannot close while it is open; dismissed with the reason, it can
        await (await caseworker.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/objections", new { version = Version(a), raisedBy = "邻居" }))
            .ProblemAsync("Content", "异议内容");
        a = await Act(caseworker, id, "objections", new { version = Version(a), raisedBy = "邻居（匿名）", content = "其侄子每月给生活费" });
        var objectionId = a.GetProperty("objections")[0].GetProperty("id").GetInt32();
        using (App.Later(TimeSpan.FromDays(8)))
        {
            street = await App.ApiAsAsync("street.huahu");
            await (await street.PostAsJsonAsync($"/api/v1/social-assistance/applications/{id}/close-notice", new { version = Version(a) })).ProblemAsync("Objections", "未处理的异议");
            a = await Act(street, id, $"objections/{objectionId}/resolve", new { version = Version(a), upheld = false, resolution = "经核实侄子不定期探望，未给付生活费，不影响认定" });
            Assert.Equal("Dismissed", a.GetProperty("objections")[0].GetProperty("status").GetString());
            a = await Act(street, id, "close-notice", new { version = Version(a) });
            var approver = await App.ApiAsAsync("district.approver");
            a = await Act(approver, id, "approve", new { version = Version(a), opinion = "同意纳入特困人员救助供养" });
            Assert.Equal("Enrolled", a.GetProperty("status").GetString());
            Assert.Equal(101_400, a.GetProperty("monthlyAmountFen").GetInt64()); // the basic living allowance, no increments
        }
    }

    [SkippableFact]
    public async Task A_back_payment_to_a_household_not_on_the_roster_counts_it_once()
    {
        // a 亚光 household on dibao, and a draft roster of 沈家营 for a month no other test uses (half a year back)
        var caseworker = await App.ApiAsAsync("cw.yaguang");
        var household = await RegistryApiTests.CreateHouseholdAsync(caseworker, 1, TestData.Yaguang);
        var householdId = household.GetProperty("id").GetInt32();
        var month = CivilAffairs.Web.Kernel.Calendar.YearMonth.Add(CivilAffairs.Web.Kernel.Calendar.YearMonth.Of(DateOnly.FromDateTime(DateTime.Today)), -6);
        var (caseId, rosterId) = await App.QueryAsync(async db =>
        {
            var person = await db.Persons.FirstAsync(p => p.HouseholdId == householdId);
            var c = new AssistanceCase(Programme.Dibao, AreaKind.Urban, householdId, TestData.Yaguang, -householdId, 48_000, month, person.Name, null,
                "6222020000000777", DateOnly.FromDateTime(DateTime.Today).AddMonths(12), [new CaseMember(person.Id, person.IdNumber, person.Name)], DateTime.UtcNow);
            var r = new PaymentRoster("420202002000", "沈家营街道", month, "test", DateTime.UtcNow);
            r.Generated(0, 0, 0, DateTime.UtcNow);
            db.AddRange(c, r);
            await db.SaveChangesAsync();
            return (c.Id, r.Id);
        });
        var street = await App.ApiAsAsync("street.shenjiaying");
        var roster = await (await street.GetAsync($"/api/v1/social-assistance/rosters/{rosterId}")).JsonAsync(HttpStatusCode.OK);
        roster = await (await street.PostAsJsonAsync($"/api/v1/social-assistance/rosters/{rosterId}/adjustments",
            new { version = roster.GetProperty("version").GetInt32(), caseId, kind = "BackPay", amountFen = 48_000, reason = "上月漏发补发" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1, 48_000L), (roster.GetProperty("households").GetInt32(), roster.GetProperty("lines").GetInt32(), roster.GetProperty("totalFen").GetInt64()));
        roster = await (await street.PostAsJsonAsync($"/api/v1/social-assistance/rosters/{rosterId}/adjustments",
            new { version = roster.GetProperty("version").GetInt32(), caseId, kind = "Deduction", amountFen = 8_000, reason = "多发追回" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 2, 40_000L), (roster.GetProperty("households").GetInt32(), roster.GetProperty("lines").GetInt32(), roster.GetProperty("totalFen").GetInt64()));
    }

    [SkippableFact]
    public async Task A_failed_roster_makes_way_for_a_new_one()
    {
        var month = DateTime.Today.Year * 100 + DateTime.Today.Month;
        await App.QueryAsync(async db =>
        {
            var failed = new PaymentRoster("420202002000", "沈家营街道", month, "test", DateTime.UtcNow);
            failed.Fail("磁盘已满");
            db.Add(failed);
            return await db.SaveChangesAsync();
        });
        var street = await App.ApiAsAsync("street.shenjiaying");
        var roster = await (await street.PostAsJsonAsync("/api/v1/social-assistance/rosters", new { streetCode = "420202002000", month })).JsonAsync(HttpStatusCode.Accepted);
        await App.RunJobsAsync();
        var done = await (await street.GetAsync($"/api/v1/social-assistance/rosters/{roster.GetProperty("id").GetInt32()}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Draft", done.GetProperty("status").GetString());
        await (await street.PostAsJsonAsync("/api/v1/social-assistance/rosters", new { streetCode = "420202002000", month })).ProblemAsync("Month", "不能重复生成");
    }

    private static async Task<JsonElement> Act2(HttpClient client, int caseId, string action, object body) =>
        await (await client.PostAsJsonAsync($"/api/v1/social-assistance/cases/{caseId}/{action}", body)).JsonAsync(HttpStatusCode.OK);
}

[Collection("sqlite")]
public sealed class SqliteSocialAssistanceTests(SqliteAppFixture f) : SocialAssistanceTests(f);

[Collection("postgres")]
public sealed class PostgresSocialAssistanceTests(PostgresAppFixture f) : SocialAssistanceTests(f);
