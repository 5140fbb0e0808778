package io.omnijourney.channel.smtp;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.List;

/**
 * GreenMail for the mailbox pollers' tests: a real SMTP and IMAP server on free ports, with one
 * mailbox that mail is put into as it is written and whose flags a test reads.
 */
final class TestMailbox extends GreenMailExtension {

  final String login;
  final String password;

  TestMailbox(String address, String login, String password) {
    super(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    withConfiguration(GreenMailConfiguration.aConfig().withUser(address, login, password));
    this.login = login;
    this.password = password;
  }

  /** Puts a mail, written out in full, into the mailbox as it is (no SMTP server adds to it). */
  void deliver(String raw) {
    user().deliver(BounceMails.parse(raw));
  }

  /** The mailbox's mails as the server keeps them, with their flags, oldest first. */
  List<StoredMessage> mails() throws FolderException {
    return getManagers().getImapHostManager().getInbox(user()).getMessages();
  }

  String imapHost() {
    return getImap().getBindTo();
  }

  int imapPort() {
    return getImap().getPort();
  }

  private GreenMailUser user() {
    return getUserManager().getUser(login);
  }
}
