<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Camera</name>
    <message>
        <source>The camera stopped sending images.</source>
        <translation>The camera stopped sending images.</translation>
    </message>
    <message>
        <source>The camera does not work.</source>
        <translation>The camera does not work.</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Camera picture</source>
        <translation>Camera picture</translation>
    </message>
</context>
<context>
    <name>CheckinScreen</name>
    <message>
        <source>Please ask at the desk</source>
        <translation>Please ask at the desk</translation>
    </message>
    <message>
        <source>This kiosk&apos;s clock is more than 5 minutes wrong, so it cannot check passes. Staff: please check the time synchronisation.</source>
        <translation>This kiosk&apos;s clock is more than 5 minutes wrong, so it cannot check passes. Staff: please check the time synchronisation.</translation>
    </message>
    <message>
        <source>Checking your pass…</source>
        <translation>Checking your pass…</translation>
    </message>
    <message>
        <source>Sorry, that did not work</source>
        <translation>Sorry, that did not work</translation>
    </message>
    <message>
        <source>Your pass could not be checked just now. Please ask at the desk.</source>
        <translation>Your pass could not be checked just now. Please ask at the desk.</translation>
    </message>
    <message>
        <source>Hold your pass up to the camera</source>
        <translation>Hold your pass up to the camera</translation>
    </message>
    <message>
        <source>Printed card or phone screen. You will hear a sound when it is read.</source>
        <translation>Printed card or phone screen. You will hear a sound when it is read.</translation>
    </message>
    <message>
        <source>Staff desk</source>
        <translation>Staff desk</translation>
    </message>
    <message>
        <source>Switch to German</source>
        <translation>Switch to German</translation>
    </message>
    <message>
        <source>Switch to English</source>
        <translation>Switch to English</translation>
    </message>
    <message>
        <source>Hold your pass under the scanner</source>
        <translation>Hold your pass under the scanner</translation>
    </message>
    <message>
        <source>Printed card or phone screen, code facing the scanner&apos;s light. You will hear a sound.</source>
        <translation>Printed card or phone screen, code facing the scanner&apos;s light. You will hear a sound.</translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <source>No conflicts. Every guest day this month stayed within the members&apos; plans.</source>
        <translation>No conflicts. Every guest day this month stayed within the members&apos; plans.</translation>
    </message>
    <message>
        <source>While kiosks were offline, these members used more guest days than their plan allows, at several spaces. Nobody is turned away afterwards; the network settles it in the monthly report. You may want to have a word with them.</source>
        <translation>While kiosks were offline, these members used more guest days than their plan allows, at several spaces. Nobody is turned away afterwards; the network settles it in the monthly report. You may want to have a word with them.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Spaces</source>
        <translation>Spaces</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
</context>
<context>
    <name>DayPassPrint</name>
    <message>
        <source>Day pass</source>
        <translation>Day pass</translation>
    </message>
    <message>
        <source>Valid on %1</source>
        <translation>Valid on %1</translation>
    </message>
</context>
<context>
    <name>DayPassTab</name>
    <message>
        <source>No day pass issued yet</source>
        <translation>No day pass issued yet</translation>
    </message>
    <message>
        <source>Day pass for %1, valid on %2</source>
        <translation>Day pass for %1, valid on %2</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Sent to the printer.</translation>
    </message>
    <message>
        <source>Save day pass as PDF</source>
        <translation>Save day pass as PDF</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>Saved as %1</translation>
    </message>
    <message>
        <source>Note, e.g. the visitor&apos;s first name (optional)</source>
        <translation>Note, e.g. the visitor&apos;s first name (optional)</translation>
    </message>
    <message>
        <source>Note for the day pass</source>
        <translation>Note for the day pass</translation>
    </message>
    <message>
        <source>Issue day pass</source>
        <translation>Issue day pass</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <source>DEMO: HOLD UP A PASS</source>
        <translation>DEMO: HOLD UP A PASS</translation>
    </message>
    <message>
        <source>Home member</source>
        <translation>Home member</translation>
    </message>
    <message>
        <source>Guest, day free</source>
        <translation>Guest, day free</translation>
    </message>
    <message>
        <source>Guest, day used</source>
        <translation>Guest, day used</translation>
    </message>
    <message>
        <source>Old card</source>
        <translation>Old card</translation>
    </message>
    <message>
        <source>Forged code</source>
        <translation>Forged code</translation>
    </message>
    <message>
        <source>Phone, dark mode</source>
        <translation>Phone, dark mode</translation>
    </message>
    <message>
        <source>Member page on a phone</source>
        <translation>Member page on a phone</translation>
    </message>
    <message>
        <source>Hold up: %1</source>
        <translation>Hold up: %1</translation>
    </message>
    <message>
        <source>Unplug camera</source>
        <translation>Unplug camera</translation>
    </message>
    <message>
        <source>Staff PIN for the desk (%1): %2</source>
        <translation>Staff PIN for the desk (%1): %2</translation>
    </message>
</context>
<context>
    <name>DeskPresenter</name>
    <message>
        <source>Check-in undone.</source>
        <translation>Check-in undone.</translation>
    </message>
    <message>
        <source>Status saved.</source>
        <translation>Status saved.</translation>
    </message>
    <message>
        <source>That did not work: %1</source>
        <translation>That did not work: %1</translation>
    </message>
</context>
<context>
    <name>DeskScreen</name>
    <message>
        <source>Staff desk</source>
        <translation>Staff desk</translation>
    </message>
    <message>
        <source>Lock (Ctrl+L)</source>
        <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
        <source>Lock the desk</source>
        <translation>Lock the desk</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Leave kiosk mode</translation>
    </message>
    <message>
        <source>Leave kiosk mode and close the app</source>
        <translation>Leave kiosk mode and close the app</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>Day pass</source>
        <translation>Day pass</translation>
    </message>
    <message>
        <source>Desk sections</source>
        <translation>Desk sections</translation>
    </message>
</context>
<context>
    <name>EnrollScreen</name>
    <message>
        <source>Entrance</source>
        <translation>Entrance</translation>
    </message>
    <message>
        <source>Connecting to the network…</source>
        <translation>Connecting to the network…</translation>
    </message>
    <message>
        <source>Please check the server address and this computer&apos;s network connection.</source>
        <translation>Please check the server address and this computer&apos;s network connection.</translation>
    </message>
    <message>
        <source>Set up this kiosk</source>
        <translation>Set up this kiosk</translation>
    </message>
    <message>
        <source>Type the enrollment code from the network admin, or hold its QR code up to the camera. The code works once.</source>
        <translation>Type the enrollment code from the network admin, or hold its QR code up to the camera. The code works once.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <source>Kiosk name</source>
        <translation>Kiosk name</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
</context>
<context>
    <name>EquipmentTab</name>
    <message>
        <source>Working</source>
        <translation>Working</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Out of order</translation>
    </message>
    <message>
        <source>In maintenance</source>
        <translation>In maintenance</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>New status</translation>
    </message>
    <message>
        <source>Note, e.g. nozzle blocked, part ordered</source>
        <translation>Note, e.g. nozzle blocked, part ordered</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Save status</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Our equipment</source>
        <translation>Our equipment</translation>
    </message>
</context>
<context>
    <name>LobbyBoard</name>
    <message>
        <source>To check in, hold your pass (card or phone) up to the camera.</source>
        <translation>To check in, hold your pass (card or phone) up to the camera.</translation>
    </message>
    <message>
        <source>To check in, hold your pass (card or phone) to the scanner.</source>
        <translation>To check in, hold your pass (card or phone) to the scanner.</translation>
    </message>
    <message>
        <source>To check in, show your pass at the kiosk by the entrance.</source>
        <translation>To check in, show your pass at the kiosk by the entrance.</translation>
    </message>
    <message>
        <source>Today at %1</source>
        <translation>Today at %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>No events here today.</source>
        <translation>No events here today.</translation>
    </message>
    <message>
        <source>Nothing planned in the region this week.</source>
        <translation>Nothing planned in the region this week.</translation>
    </message>
    <message>
        <source>Missed “%1”? Next date: %2, %3</source>
        <translation>Missed “%1”? Next date: %2, %3</translation>
    </message>
    <message>
        <source>working</source>
        <translation>working</translation>
    </message>
    <message>
        <source>out of order</source>
        <translation>out of order</translation>
    </message>
    <message>
        <source>in maintenance</source>
        <translation>in maintenance</translation>
    </message>
    <message>
        <source>No shared equipment here.</source>
        <translation>No shared equipment here.</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>TODAY HERE</source>
        <translation>TODAY HERE</translation>
    </message>
    <message>
        <source>THIS WEEK IN THE REGION</source>
        <translation>THIS WEEK IN THE REGION</translation>
    </message>
    <message>
        <source>MISSED IT?</source>
        <translation>MISSED IT?</translation>
    </message>
    <message>
        <source>OUR EQUIPMENT</source>
        <translation>OUR EQUIPMENT</translation>
    </message>
    <message>
        <source>ELSEWHERE IN THE REGION</source>
        <translation>ELSEWHERE IN THE REGION</translation>
    </message>
    <message>
        <source>Lobby board</source>
        <translation>Lobby board</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>ended</translation>
    </message>
    <message>
        <source>Please give a reason for admitting despite the denial.</source>
        <translation>Please give a reason for admitting despite the denial.</translation>
    </message>
    <message>
        <source>Search by name or member number (Ctrl+F)</source>
        <translation>Search by name or member number (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search members</source>
        <translation>Search members</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Home space</source>
        <translation>Home space</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Members found</source>
        <translation>Members found</translation>
    </message>
    <message>
        <source>Check in (Enter)</source>
        <translation>Check in (Enter)</translation>
    </message>
    <message>
        <source>Check in the selected member</source>
        <translation>Check in the selected member</translation>
    </message>
    <message>
        <source>ADMIT DESPITE A DENIAL</source>
        <translation>ADMIT DESPITE A DENIAL</translation>
    </message>
    <message>
        <source>Reason, e.g. paid at the desk</source>
        <translation>Reason, e.g. paid at the desk</translation>
    </message>
    <message>
        <source>Reason for admitting</source>
        <translation>Reason for admitting</translation>
    </message>
    <message>
        <source>Admit anyway</source>
        <translation>Admit anyway</translation>
    </message>
    <message>
        <source>Admit despite the denial</source>
        <translation>Admit despite the denial</translation>
    </message>
    <message>
        <source>No recent denial. Select a member above to admit them.</source>
        <translation>No recent denial. Select a member above to admit them.</translation>
    </message>
    <message>
        <source>Recent denials: select one, give a reason, admit anyway.</source>
        <translation>Recent denials: select one, give a reason, admit anyway.</translation>
    </message>
    <message>
        <source>Recent denials</source>
        <translation>Recent denials</translation>
    </message>
</context>
<context>
    <name>OccupancyCard</name>
    <message>
        <source>WHO IS HERE</source>
        <translation>WHO IS HERE</translation>
    </message>
    <message>
        <source>%1 here now</source>
        <translation>%1 here now</translation>
    </message>
    <message>
        <source>%1 · all %2 desks taken</source>
        <translation>%1 · all %2 desks taken</translation>
    </message>
    <message>
        <source>%1 · %2 of %3 desks free</source>
        <translation>%1 · %2 of %3 desks free</translation>
    </message>
</context>
<context>
    <name>OutOfOrderView</name>
    <message>
        <source>Out of order, please ring</source>
        <translation>Out of order, please ring</translation>
    </message>
    <message>
        <source>The camera is not working right now. Please ring the bell, someone will let you in.</source>
        <translation>The camera is not working right now. Please ring the bell, someone will let you in.</translation>
    </message>
    <message>
        <source>This kiosk was taken out of service. Please ring the bell, someone will let you in.</source>
        <translation>This kiosk was taken out of service. Please ring the bell, someone will let you in.</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>Wrong PIN. Please try again.</source>
        <translation>Wrong PIN. Please try again.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The desk is locked until %1.</source>
        <translation>Too many wrong PINs. The desk is locked until %1.</translation>
    </message>
    <message>
        <source>Staff desk</source>
        <translation>Staff desk</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <source>Back to check-in (Esc)</source>
        <translation>Back to check-in (Esc)</translation>
    </message>
    <message>
        <source>Back to check-in</source>
        <translation>Back to check-in</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>PopupBoard</name>
    <message>
        <source>POP-UP COWORKING IN THE REGION</source>
        <translation>POP-UP COWORKING IN THE REGION</translation>
    </message>
    <message>
        <source>Work together for a few hours in a café or library: bring your pass.</source>
        <translation>Work together for a few hours in a café or library: bring your pass.</translation>
    </message>
    <message>
        <source>Pop-up coworking</source>
        <translation>Pop-up coworking</translation>
    </message>
</context>
<context>
    <name>SkillsBoard</name>
    <message>
        <source>HERE TODAY: ASK US ABOUT</source>
        <translation>HERE TODAY: ASK US ABOUT</translation>
    </message>
    <message>
        <source>Members choose on their member page to be shown here, for today only.</source>
        <translation>Members choose on their member page to be shown here, for today only.</translation>
    </message>
    <message>
        <source>Here-today board</source>
        <translation>Here-today board</translation>
    </message>
</context>
<context>
    <name>SoundControls</name>
    <message>
        <source>Sound off</source>
        <translation>Sound off</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
</context>
<context>
    <name>SyncTab</name>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>The kiosk keeps checking people in and tries again by itself.</source>
        <translation>The kiosk keeps checking people in and tries again by itself.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s) waiting to upload</source>
        <translation>
            <numerusform>%n check-in waiting to upload</numerusform>
            <numerusform>%n check-ins waiting to upload</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is off; the kiosk uses the server&apos;s time.</source>
        <translation>This computer&apos;s clock is off; the kiosk uses the server&apos;s time.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Sync now (Ctrl+S)</source>
        <translation>Sync now (Ctrl+S)</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <source>Clock offset</source>
        <translation>Clock offset</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Next attempt</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Waiting for the first sync…</source>
        <translation>Waiting for the first sync…</translation>
    </message>
    <message>
        <source>SOUND AT THE DOOR</source>
        <translation>SOUND AT THE DOOR</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <source>TODAY HERE</source>
        <translation>TODAY HERE</translation>
    </message>
    <message>
        <source>No events today. Enjoy a quiet day of work.</source>
        <translation>No events today. Enjoy a quiet day of work.</translation>
    </message>
</context>
<context>
    <name>TodayTab</name>
    <message>
        <source>Home member</source>
        <translation>Home member</translation>
    </message>
    <message>
        <source>Guest day</source>
        <translation>Guest day</translation>
    </message>
    <message>
        <source>Again today</source>
        <translation>Again today</translation>
    </message>
    <message>
        <source>Admitted by staff</source>
        <translation>Admitted by staff</translation>
    </message>
    <message>
        <source>Day pass</source>
        <translation>Day pass</translation>
    </message>
    <message>
        <source>Pop-up visit</source>
        <translation>Pop-up visit</translation>
    </message>
    <message>
        <source>Guest days used</source>
        <translation>Guest days used</translation>
    </message>
    <message>
        <source>Membership not active</source>
        <translation>Membership not active</translation>
    </message>
    <message>
        <source>Old card</source>
        <translation>Old card</translation>
    </message>
    <message>
        <source>Unknown pass</source>
        <translation>Unknown pass</translation>
    </message>
    <message>
        <source>Day pass not valid</source>
        <translation>Day pass not valid</translation>
    </message>
    <message>
        <source>Unreadable code</source>
        <translation>Unreadable code</translation>
    </message>
    <message>
        <source>Foreign code</source>
        <translation>Foreign code</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>undone</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>camera</translation>
    </message>
    <message>
        <source>scanner</source>
        <translation>scanner</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>by hand</translation>
    </message>
    <message>
        <source>override</source>
        <translation>override</translation>
    </message>
    <message>
        <source>Select a check-in first.</source>
        <translation>Select a check-in first.</translation>
    </message>
    <message>
        <source>Please give a reason for the undo.</source>
        <translation>Please give a reason for the undo.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>How</source>
        <translation>How</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Today&apos;s check-ins</source>
        <translation>Today&apos;s check-ins</translation>
    </message>
    <message>
        <source>Reason for the undo, e.g. scanned twice by mistake</source>
        <translation>Reason for the undo, e.g. scanned twice by mistake</translation>
    </message>
    <message>
        <source>Reason for the undo</source>
        <translation>Reason for the undo</translation>
    </message>
    <message>
        <source>Undo check-in</source>
        <translation>Undo check-in</translation>
    </message>
    <message>
        <source>Undo the selected check-in</source>
        <translation>Undo the selected check-in</translation>
    </message>
    <message>
        <source>Unknown pass (claims no. %1)</source>
        <translation>Unknown pass (claims no. %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) admitted today</source>
        <translation>
            <numerusform>%n person admitted today</numerusform>
            <numerusform>%n people admitted today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) in all</source>
        <translation>
            <numerusform>%n scan in all</numerusform>
            <numerusform>%n scans in all</numerusform>
        </translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>reason: %1</translation>
    </message>
    <message>
        <source>left %1</source>
        <translation>left %1</translation>
    </message>
</context>
<context>
    <name>VerdictCard</name>
    <message>
        <source>Check-in result</source>
        <translation>Check-in result</translation>
    </message>
    <message>
        <source>Admitted</source>
        <translation>Admitted</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>Checked out</translation>
    </message>
    <message>
        <source>All desks are taken right now. Please ask at the desk: the team will gladly help you find a place.</source>
        <translation>All desks are taken right now. Please ask at the desk: the team will gladly help you find a place.</translation>
    </message>
    <message>
        <source>Not admitted</source>
        <translation>Not admitted</translation>
    </message>
    <message>
        <source>Please try again</source>
        <translation>Please try again</translation>
    </message>
    <message>
        <source>Offline: decided here, will be sent later</source>
        <translation>Offline: decided here, will be sent later</translation>
    </message>
    <message>
        <source>%1, member in %2</source>
        <translation>%1, member in %2</translation>
    </message>
    <message>
        <source>Guest days left in %1: %2 of %3</source>
        <translation>Guest days left in %1: %2 of %3</translation>
    </message>
</context>
</TS>
