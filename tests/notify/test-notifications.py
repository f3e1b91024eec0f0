#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The reminder notifier against a mock org.freedesktop.Notifications (python3-dbusmock's
# notification_daemon template) on a private session bus: run under dbus-run-session with
# Debian's /usr/bin/python3. Usage: test-notifications.py RD-NOTIFY-HELPER

import os
import shutil
import subprocess
import sys
import tempfile
import time

import dbus

BUS_NAME = 'org.freedesktop.Notifications'
OBJ_PATH = '/org/freedesktop/Notifications'


def wait_for(predicate, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError('timed out waiting for ' + what)


class Helper:
    def __init__(self, path, db, log):
        env = dict(os.environ, GNOTIFICATION_BACKEND='freedesktop', TZ='Europe/Berlin',
                   G_MESSAGES_DEBUG='rd-reminders rd-notify-helper')
        # The helper's log is shown when a check fails, to tell a race from a wrong result.
        self.proc = subprocess.Popen([path, db], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=log, env=env, text=True, bufsize=1)

    def cmd(self, *fields):
        self.proc.stdin.write('\t'.join(fields) + '\n')
        self.proc.stdin.flush()
        while True:
            line = self.proc.stdout.readline()
            if line == '':
                raise AssertionError('the helper exited during ' + fields[0])
            if line.startswith('ok'):
                return line[3:].rstrip('\n')
            print('helper: ' + line.rstrip('\n'))

    def quit(self):
        self.cmd('quit')
        self.proc.stdin.close()
        assert self.proc.wait(timeout=10) == 0, 'the helper failed'


class Test:
    def __init__(self, helper_path):
        self.helper_path = helper_path
        self.tmp = tempfile.mkdtemp(prefix='rd-notify-')
        self.db = os.path.join(self.tmp, 'renewals.db')
        self.log_path = os.path.join(self.tmp, 'helper.log')
        self.log = open(self.log_path, 'w')
        self.bus = dbus.SessionBus()
        self.mock_proc = None
        self.start_mock()
        self.passed = 0
        self.total_notifies = 0

    def start_mock(self):
        self.mock_proc = subprocess.Popen(['/usr/bin/python3', '-m', 'dbusmock',
                                           '--template', 'notification_daemon'],
                                          stdout=subprocess.DEVNULL)
        wait_for(lambda: self.bus.name_has_owner(BUS_NAME), 'the mock notification daemon')
        self.mock = dbus.Interface(self.bus.get_object(BUS_NAME, OBJ_PATH),
                                   'org.freedesktop.DBus.Mock')
        self.total_notifies = 0

    def stop_mock(self):
        self.mock_proc.terminate()
        self.mock_proc.wait()
        self.mock_proc = None
        wait_for(lambda: not self.bus.name_has_owner(BUS_NAME), 'the daemon to go')

    def dump_log(self):
        self.log.flush()
        with open(self.log_path) as log:
            sys.stderr.write('--- helper log ---\n' + log.read())
        if self.mock_proc is None:
            return
        calls = self.mock.GetCalls()
        sys.stderr.write('--- notification daemon calls ---\n%r\n' % [
            (str(c[1]), [str(a) for a in c[2]][:4]) for c in calls])

    def close(self):
        self.log.close()
        if self.mock_proc is not None:
            self.mock_proc.terminate()
            self.mock_proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def calls(self, method):
        return [list(call[1]) for call in self.mock.GetMethodCalls(method)]

    def notifications(self, count):
        wait_for(lambda: len(self.calls('Notify')) >= count, '%d notifications' % count)
        time.sleep(0.2)  # anything beyond count would be a duplicate
        notes = self.calls('Notify')
        assert len(notes) == count, 'expected %d notifications, got %d: %r' % (
            count, len(notes), [str(n[3]) for n in notes])
        self.total_notifies += sum(1 for n in notes if int(n[1]) == 0)
        return notes

    def no_notifications(self):
        time.sleep(0.3)
        notes = self.calls('Notify')
        assert notes == [], 'unexpected notifications: %r' % [str(n[3]) for n in notes]

    def ok(self, name):
        self.passed += 1
        print('ok %d %s' % (self.passed, name))

    def invoke(self, notify_id, action):
        self.mock.EmitSignal(BUS_NAME, 'ActionInvoked', 'us', [dbus.UInt32(notify_id), action])

    def run(self):
        mock = self.mock
        reminder_a = 'agmt-a/90/2026-07-02'

        # 1. Due reminders are sent with title, body, actions.
        helper = self.helper(True)
        helper.cmd('now', '2026-07-02T08:00:00')
        helper.cmd('agreement', 'agmt-a', '2026-09-30', 'Acme Corp', 'Observability Suite')
        helper.cmd('agreement', 'agmt-b', '2026-08-31', 'Globex', 'Data Lake')
        helper.cmd('agreement', 'agmt-payg', '', 'Pay As You Go Ltd', 'Metered API')
        mock.ClearCalls()
        helper.cmd('start')
        # At 08:00 the latest past milestones are caught up with, one per agreement: agmt-a's
        # 120-day (2026-06-02) and agmt-b's 90-day (2026-06-02); none for pay-as-you-go.
        notes = self.notifications(2)
        assert sorted(str(n[3]) for n in notes) == ['Acme Corp: 90 days left',
                                                    'Globex: 60 days left'], notes
        mock.ClearCalls()
        helper.cmd('now', '2026-07-02T09:00:00')
        helper.cmd('check')
        notes = self.notifications(2)
        by_title = {str(n[3]): n for n in notes}
        assert set(by_title) == {'Acme Corp: 90 days left', 'Globex: 60 days left'}, by_title
        note = by_title['Acme Corp: 90 days left']
        assert str(note[4]) == 'Observability Suite · ends 30 September 2026', note[4]
        actions = [str(a) for a in note[5]]
        assert actions == ['default', '',
                           "app.snooze-reminder('%s')" % reminder_a, 'Snooze 1 day',
                           "app.mark-reminder-done('%s')" % reminder_a, 'Mark done'], actions
        assert str(note[6]['desktop-entry']) == 'io.github.renewaldesk.RenewalDesk.NotifyTest'
        # The catch-ups were replaced by today's milestones.
        wait_for(lambda: len(self.calls('CloseNotification')) == 2, 'the withdrawals')
        self.ok('due reminders are notified with title, body and actions')
        helper.quit()

        # 2. A restart on the same database sends nothing again.
        mock.ClearCalls()
        helper = self.helper(True)
        helper.cmd('now', '2026-07-02T09:30:00')
        helper.cmd('start')
        self.no_notifications()
        self.ok('a restart delivers nothing twice')

        # 3. Snooze from the notification's button, re-delivered a day later.
        helper.cmd('agreement', 'agmt-c', '2026-08-31', 'Initech', 'Backup Vault')
        helper.cmd('check')
        notes = self.notifications(1)
        assert str(notes[0][3]) == 'Initech: 60 days left', notes[0][3]
        self.invoke(self.last_notify_id(), "app.snooze-reminder('agmt-c/60/2026-07-02')")
        # The button's signal and our stdin race: the snooze counts from the helper's clock,
        # so it must have landed (it withdraws the notification) before the clock moves.
        wait_for(lambda: len(self.calls('CloseNotification')) == 1, 'the snooze')
        mock.ClearCalls()
        helper.cmd('now', '2026-07-03T09:29:00')
        helper.cmd('check')
        self.no_notifications()
        helper.cmd('now', '2026-07-03T09:31:00')
        helper.cmd('check')
        notes = self.notifications(1)
        assert str(notes[0][3]) == 'Initech: 59 days left', notes[0][3]
        self.ok('a snoozed reminder comes back after the snooze')

        # 4. Mark done from the button: a document edit, the reminder never returns.
        self.invoke(self.last_notify_id(), "app.mark-reminder-done('agmt-c/60/2026-07-02')")
        body = wait_for(lambda: (lambda b: b if '"done"' in b else None)(
            helper.cmd('show', 'agmt-c')), 'the milestone to be done')
        assert '"milestones":{"60":"done"}' in body, body
        mock.ClearCalls()
        helper.cmd('now', '2026-07-05T09:31:00')
        helper.cmd('check')
        self.no_notifications()
        self.ok('mark done edits the document')

        # 5. Deleting the record withdraws its notification.
        helper.cmd('agreement', 'agmt-d', '2026-09-01', 'Umbrella', 'Edge Cache')
        helper.cmd('check')
        self.notifications(1)
        mock.ClearCalls()
        helper.cmd('delete', 'agmt-d')
        wait_for(lambda: len(self.calls('CloseNotification')) == 1, 'the withdrawal')
        self.ok('a deleted record withdraws its notification')

        # 6. Many at once (here: due tomorrow, their 120-day milestone): one summary.
        for i in range(5):
            helper.cmd('agreement', 'agmt-many-%d' % i, '2026-11-03', 'Customer %d' % i,
                       'Product')
        self.no_notifications()
        mock.ClearCalls()
        helper.cmd('now', '2026-07-06T09:00:00')
        helper.cmd('check')
        notes = self.notifications(1)
        assert str(notes[0][3]) == '5 renewal reminders', notes[0][3]
        assert str(notes[0][4]) == 'Customer 0, Customer 1, Customer 2 and 2 more', notes[0][4]
        assert [str(a) for a in notes[0][5]] == ['default', '']
        self.ok('many reminders are grouped into one summary')

        # 7. No notification service: nothing is recorded as fired; shown when one appears.
        quiet = 'agmt-quiet/60/2026-07-06'
        helper.quit()
        helper = self.helper(True)
        helper.cmd('now', '2026-07-06T09:10:00')
        helper.cmd('start')
        self.stop_mock()
        wait_for(lambda: helper.cmd('can-deliver') == 'no', 'the helper to see it go')
        helper.cmd('agreement', 'agmt-quiet', '2026-09-04', 'Quiet Ltd', 'Vault')
        helper.cmd('check')
        assert helper.cmd('state', quiet) == 'new', helper.cmd('state', quiet)
        self.start_mock()
        notes = self.notifications(1)
        assert str(notes[0][3]) == 'Quiet Ltd: 60 days left', notes[0][3]
        wait_for(lambda: helper.cmd('state', quiet) == 'fired', 'the reminder to be fired')
        self.ok('a reminder waits for a notification service to appear')

        # 8. ... or for the next start.
        later = 'agmt-later/60/2026-07-07'
        self.stop_mock()
        wait_for(lambda: helper.cmd('can-deliver') == 'no', 'the helper to see it go')
        helper.cmd('agreement', 'agmt-later', '2026-09-05', 'Later GmbH', 'Vault')
        helper.cmd('now', '2026-07-07T09:00:00')
        helper.cmd('check')
        assert helper.cmd('state', later) == 'new', helper.cmd('state', later)
        helper.quit()
        self.start_mock()
        helper = self.helper(True)
        helper.cmd('now', '2026-07-07T09:10:00')
        helper.cmd('start')
        notes = self.notifications(1)
        assert str(notes[0][3]) == 'Later GmbH: 60 days left', notes[0][3]
        assert helper.cmd('state', later) == 'fired', helper.cmd('state', later)
        self.ok('a reminder kept without a notification service comes at the next start')
        helper.quit()

    def helper(self, service):
        helper = Helper(self.helper_path, self.db, self.log)
        # The bus answers the helper's watch of the service asynchronously.
        expected = 'yes' if service else 'no'
        wait_for(lambda: helper.cmd('can-deliver') == expected, 'the helper to see the service')
        return helper

    def last_notify_id(self):
        # notification_daemon hands out 1, 2, 3, ... for every Notify without replaces_id.
        return self.total_notifies


def main():
    test = Test(sys.argv[1])
    try:
        test.run()
    except AssertionError:
        test.dump_log()
        raise
    finally:
        test.close()
    print('%d passed' % test.passed)


if __name__ == '__main__':
    main()
