<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/account.py" line="61"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/account.py" line="72"/>
        <source>Choose the account to link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/account.py" line="75"/>
        <source>Which account do you want to link to {product}?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountSummary</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/account.py" line="33"/>
        <source>Not you? Sign in as someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/account.py" line="46"/>
        <source>Signed in to {product} as</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlockedPage</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/blocked.py" line="36"/>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/blocked.py" line="38"/>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BusyPage</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/busy.py" line="22"/>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/busy.py" line="26"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/busy.py" line="40"/>
        <source>Sign in to {product}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/busy.py" line="42"/>
        <source>Please wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/busy.py" line="51"/>
        <source>Your web browser has opened the {product} sign-in page. Sign in with your {product} email address and password, and approve any extra check (MFA). Then come back to this window.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardPage</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/card.py" line="40"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/card.py" line="42"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/card.py" line="54"/>
        <source>Your smartcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/card.py" line="58"/>
        <source>Smartcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/card.py" line="60"/>
        <source>NHS Care Identity (UUID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/card.py" line="64"/>
        <source>Certificate valid until {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/card.py" line="75"/>
        <source>{uuid} — valid until {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/card.py" line="80"/>
        <source>Certificate {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/card.py" line="89"/>
        <source>Choose the certificate to use</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/crash.py" line="58"/>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/crash.py" line="60"/>
        <source>Smartcard Linker hit an unexpected problem. Nothing has been linked by this step. You can carry on, or close the app and start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/crash.py" line="66"/>
        <source>(no log file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/crash.py" line="68"/>
        <source>If it happens again, send the log file to your Local Administrator: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/done.py" line="35"/>
        <source>Go to Link My NHS Accounts home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/done.py" line="40"/>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/done.py" line="54"/>
        <source>Your accounts are linked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/done.py" line="57"/>
        <source>Your NHS Smartcard is now linked to your {product} account {email}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/done.py" line="63"/>
        <source>Support reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/done.py" line="67"/>
        <source>Keep this reference. Quote it if you contact support about this link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/done.py" line="70"/>
        <source>Go to {product} portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/done.py" line="74"/>
        <source>For your privacy this screen clears itself in {seconds} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorPage</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="69"/>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="71"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="75"/>
        <source>Start again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="78"/>
        <source>Copy details for support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="99"/>
        <source>Copied. Paste it into your message to support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="120"/>
        <source>Error code: {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="122"/>
        <source> · Request id: {rid}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="82"/>
        <source>Help and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="86"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="34"/>
        <source>Help and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="36"/>
        <source>1. {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="39"/>
        <source> or call {phone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="44"/>
        <source>2. If that does not solve it, contact the {product} Helpdesk{phone}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/error.py" line="50"/>
        <source>Open the Helpdesk website</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsertCardPage</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/insert_card.py" line="35"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/insert_card.py" line="47"/>
        <source>Insert your smartcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/insert_card.py" line="51"/>
        <source>Put your NHS Smartcard in the card reader, chip first and facing up. This page updates by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/insert_card.py" line="65"/>
        <source>Card readers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/insert_card.py" line="65"/>
        <source>Card reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/insert_card.py" line="70"/>
        <source>a card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/insert_card.py" line="71"/>
        <source>{reader}: {card} inserted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/insert_card.py" line="73"/>
        <source>{reader}: no card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/insert_card.py" line="77"/>
        <source>Use this reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/insert_card.py" line="78"/>
        <source>Use {reader}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="109"/>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="196"/>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="320"/>
        <source>Link your NHS Smartcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="199"/>
        <source>to your {product} account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="219"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="220"/>
        <source>Your account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="221"/>
        <source>Smartcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="222"/>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="223"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="226"/>
        <source>{n}. {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="241"/>
        <source>Help and support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="243"/>
        <source>Version {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/main_window.py" line="318"/>
        <source>{page} – Link your NHS Smartcard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="43"/>
        <source>Smartcard passcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="44"/>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="52"/>
        <source>Enter your smartcard passcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="50"/>
        <source>Enter your passcode on the card reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="71"/>
        <source>This is your last try. If this passcode is wrong, your smartcard will be locked and you will need to get it unlocked before you can use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="79"/>
        <source>Stop and unlock my card online instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="91"/>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="116"/>
        <source>Passcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="100"/>
        <source>Type your passcode on the card reader&apos;s keypad, then press OK (or Enter) on the reader.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="111"/>
        <source>Time left to enter your passcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="130"/>
        <source>Use the keypad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="130"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="136"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="153"/>
        <source>You have 1 try left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="155"/>
        <source>You have {tries} tries left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="157"/>
        <source>A wrong passcode was entered before: you have fewer tries left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="158"/>
        <source>Three wrong passcodes in a row lock the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="163"/>
        <source>{n} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="164"/>
        <source>{min} to {max} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pin_dialog.py" line="208"/>
        <source>{seconds} seconds left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/review.py" line="50"/>
        <source>Confirm and link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/review.py" line="52"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/review.py" line="65"/>
        <source>Check these details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/review.py" line="68"/>
        <source>Linking connects these two accounts. Only confirm if both are yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/review.py" line="70"/>
        <source>{product} account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/review.py" line="71"/>
        <source>NHS Care Identity (smartcard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/review.py" line="72"/>
        <source>UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/review.py" line="83"/>
        <source>Card certificate valid until {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/review.py" line="91"/>
        <source>Checked by the Link My NHS Accounts portal at {host}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/review.py" line="111"/>
        <source>UUID {digits}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/review.py" line="118"/>
        <source>The names do not match. Check both accounts belong to you before you confirm. If they do not, select Cancel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="73"/>
        <source>Start now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="75"/>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="83"/>
        <source>Link your NHS Smartcard to your {product} account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="85"/>
        <source>It takes about 2 minutes. You will:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="87"/>
        <source>Sign in with your {product} account in your web browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="88"/>
        <source>Insert your NHS Smartcard and enter its passcode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="89"/>
        <source>Check the details and confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="93"/>
        <source>Checking this computer is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="99"/>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="100"/>
        <source>problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="101"/>
        <source>checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/smartcard_linker/ui/pages/start.py" line="112"/>
        <source>This app is not set up correctly, so it cannot link yet: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
